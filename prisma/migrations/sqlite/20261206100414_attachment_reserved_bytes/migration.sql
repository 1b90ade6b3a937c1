-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Attachment" (
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
    "reservedBytes" INTEGER NOT NULL DEFAULT 0,
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
INSERT INTO "new_Attachment" ("accountId", "attempts", "chunkSize", "completedAt", "contentType", "createdAt", "failureCode", "fileKey", "height", "id", "keepLocation", "leaseOwner", "leaseUntil", "messageId", "name", "nextAttemptAt", "position", "receiptPending", "remoteId", "servedChunks", "sha256", "size", "state", "storedBytes", "thumbnail", "width") SELECT "accountId", "attempts", "chunkSize", "completedAt", "contentType", "createdAt", "failureCode", "fileKey", "height", "id", "keepLocation", "leaseOwner", "leaseUntil", "messageId", "name", "nextAttemptAt", "position", "receiptPending", "remoteId", "servedChunks", "sha256", "size", "state", "storedBytes", "thumbnail", "width" FROM "Attachment";
DROP TABLE "Attachment";
ALTER TABLE "new_Attachment" RENAME TO "Attachment";
CREATE INDEX "Attachment_messageId_position_idx" ON "Attachment"("messageId", "position");
CREATE INDEX "Attachment_accountId_createdAt_idx" ON "Attachment"("accountId", "createdAt");
CREATE INDEX "Attachment_state_nextAttemptAt_idx" ON "Attachment"("state", "nextAttemptAt");
CREATE UNIQUE INDEX "Attachment_messageId_remoteId_key" ON "Attachment"("messageId", "remoteId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

