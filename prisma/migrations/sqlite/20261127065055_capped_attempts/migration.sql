-- CreateTable
CREATE TABLE "CappedAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "CappedAttempt_scope_key_createdAt_idx" ON "CappedAttempt"("scope", "key", "createdAt");

-- CreateIndex
CREATE INDEX "CappedAttempt_createdAt_idx" ON "CappedAttempt"("createdAt");
