-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "addressId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "allowReplies" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT,
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenDigest" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PassCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "codeDigest" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "PassCode_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuthFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetAddressId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PendingHandshake" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "otherAddress" TEXT NOT NULL,
    "passcodeHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PendingHandshake_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "otherAddress" TEXT NOT NULL,
    "otherName" TEXT,
    "localName" TEXT,
    "otherAcceptsMessages" BOOLEAN NOT NULL,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "authCode" TEXT NOT NULL,
    "identCode" TEXT NOT NULL,
    "messageCryptKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Connection_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "connectionId" TEXT,
    "otherAddress" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "failureCode" TEXT,
    "failureReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "deliverBy" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    "readAt" DATETIME,
    CONSTRAINT "Message_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Message_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "messageId" TEXT NOT NULL,
    "messageHash" TEXT NOT NULL,
    "messageNonce" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" DATETIME,
    CONSTRAINT "OutboxEntry_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UsedNonce" (
    "connectionId" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("connectionId", "nonce"),
    CONSTRAINT "UsedNonce_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NodeSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_addressId_key" ON "Account"("addressId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenDigest_key" ON "ApiToken"("tokenDigest");

-- CreateIndex
CREATE INDEX "ApiToken_accountId_idx" ON "ApiToken"("accountId");

-- CreateIndex
CREATE INDEX "PassCode_expiresAt_idx" ON "PassCode"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "PassCode_accountId_codeDigest_key" ON "PassCode"("accountId", "codeDigest");

-- CreateIndex
CREATE INDEX "AuthFailure_targetAddressId_createdAt_idx" ON "AuthFailure"("targetAddressId", "createdAt");

-- CreateIndex
CREATE INDEX "AuthFailure_source_createdAt_idx" ON "AuthFailure"("source", "createdAt");

-- CreateIndex
CREATE INDEX "PendingHandshake_otherAddress_passcodeHash_idx" ON "PendingHandshake"("otherAddress", "passcodeHash");

-- CreateIndex
CREATE INDEX "PendingHandshake_createdAt_idx" ON "PendingHandshake"("createdAt");

-- CreateIndex
CREATE INDEX "Connection_identCode_idx" ON "Connection"("identCode");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_accountId_otherAddress_key" ON "Connection"("accountId", "otherAddress");

-- CreateIndex
CREATE INDEX "Message_state_nextAttemptAt_idx" ON "Message"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Message_accountId_otherAddress_createdAt_idx" ON "Message"("accountId", "otherAddress", "createdAt");

-- CreateIndex
CREATE INDEX "Message_accountId_createdAt_idx" ON "Message"("accountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEntry_messageHash_key" ON "OutboxEntry"("messageHash");

-- CreateIndex
CREATE INDEX "OutboxEntry_messageId_idx" ON "OutboxEntry"("messageId");

-- CreateIndex
CREATE INDEX "OutboxEntry_createdAt_idx" ON "OutboxEntry"("createdAt");

-- CreateIndex
CREATE INDEX "UsedNonce_createdAt_idx" ON "UsedNonce"("createdAt");

