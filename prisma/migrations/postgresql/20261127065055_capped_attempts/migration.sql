-- CreateTable
CREATE TABLE "CappedAttempt" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CappedAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CappedAttempt_scope_key_createdAt_idx" ON "CappedAttempt"("scope", "key", "createdAt");

-- CreateIndex
CREATE INDEX "CappedAttempt_createdAt_idx" ON "CappedAttempt"("createdAt");
