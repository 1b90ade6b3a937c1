-- CreateTable
CREATE TABLE "OutgoingHandshakeAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "OutgoingHandshakeAttempt_accountId_createdAt_idx" ON "OutgoingHandshakeAttempt"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "OutgoingHandshakeAttempt_createdAt_idx" ON "OutgoingHandshakeAttempt"("createdAt");

