-- CreateTable
CREATE TABLE "OutgoingHandshakeAttempt" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutgoingHandshakeAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutgoingHandshakeAttempt_accountId_createdAt_idx" ON "OutgoingHandshakeAttempt"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "OutgoingHandshakeAttempt_createdAt_idx" ON "OutgoingHandshakeAttempt"("createdAt");

