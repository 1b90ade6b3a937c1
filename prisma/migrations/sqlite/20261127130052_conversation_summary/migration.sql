-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastMessageId" TEXT,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unreadCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Conversation_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Conversation_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Conversation" ("accountId", "connectionId", "createdAt", "id") SELECT "accountId", "connectionId", "createdAt", "id" FROM "Conversation";
DROP TABLE "Conversation";
ALTER TABLE "new_Conversation" RENAME TO "Conversation";
CREATE UNIQUE INDEX "Conversation_connectionId_key" ON "Conversation"("connectionId");
CREATE INDEX "Conversation_accountId_lastActivityAt_id_idx" ON "Conversation"("accountId", "lastActivityAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill: each conversation's summary from its messages (as apps/server/src/conversations/conversation-summary.ts keeps it).
UPDATE "Conversation" SET
  "lastMessageId" = (SELECT m."id" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
  "lastActivityAt" = COALESCE(
    (SELECT m."createdAt" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
    "createdAt"),
  "unreadCount" = (SELECT COUNT(*) FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" AND m."direction" = 'in' AND m."readAt" IS NULL);
