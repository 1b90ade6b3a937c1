-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "messageId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "name" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "storedBytes" INTEGER NOT NULL DEFAULT 0,
    "sha256" TEXT,
    "fileKey" TEXT NOT NULL,
    "chunkSize" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "failureCode" TEXT,
    "remoteId" TEXT,
    "servedChunks" INTEGER NOT NULL DEFAULT 0,
    "width" INTEGER,
    "height" INTEGER,
    "thumbnail" BLOB,
    "keepLocation" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "receiptPending" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    CONSTRAINT "Attachment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttachmentChunk" (
    "attachmentId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("attachmentId", "index"),
    CONSTRAINT "AttachmentChunk_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FileLink" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "token" TEXT NOT NULL,
    "attachmentId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FileLink_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PeerExtensions" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "extensions" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FileStorageUsage" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "bytes" BIGINT NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Message" (
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
    "partsSent" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Message_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Message_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Message" ("accountId", "attempts", "body", "connectionId", "createdAt", "deliverBy", "deliveredAt", "direction", "failureCode", "failureReason", "id", "leaseOwner", "leaseUntil", "nextAttemptAt", "otherAddress", "readAt", "state") SELECT "accountId", "attempts", "body", "connectionId", "createdAt", "deliverBy", "deliveredAt", "direction", "failureCode", "failureReason", "id", "leaseOwner", "leaseUntil", "nextAttemptAt", "otherAddress", "readAt", "state" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE INDEX "Message_state_nextAttemptAt_idx" ON "Message"("state", "nextAttemptAt");
CREATE INDEX "Message_accountId_createdAt_idx" ON "Message"("accountId", "createdAt");
CREATE INDEX "Message_connectionId_createdAt_id_idx" ON "Message"("connectionId", "createdAt", "id");
CREATE INDEX "Message_connectionId_direction_readAt_idx" ON "Message"("connectionId", "direction", "readAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Attachment_messageId_position_idx" ON "Attachment"("messageId", "position");

-- CreateIndex
CREATE INDEX "Attachment_accountId_createdAt_idx" ON "Attachment"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_state_nextAttemptAt_idx" ON "Attachment"("state", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_messageId_remoteId_key" ON "Attachment"("messageId", "remoteId");

-- CreateIndex
CREATE INDEX "FileLink_attachmentId_idx" ON "FileLink"("attachmentId");

