-- DropIndex
DROP INDEX "Conversation_accountId_idx";

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "lastMessageId" TEXT,
ADD COLUMN     "unreadCount" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Conversation_accountId_lastActivityAt_id_idx" ON "Conversation"("accountId", "lastActivityAt", "id");


-- Backfill: each conversation's summary from its messages (as apps/server/src/conversations/conversation-summary.ts keeps it).
UPDATE "Conversation" SET
  "lastMessageId" = (SELECT m."id" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
  "lastActivityAt" = COALESCE(
    (SELECT m."createdAt" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
    "createdAt"),
  "unreadCount" = (SELECT COUNT(*) FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" AND m."direction" = 'in' AND m."readAt" IS NULL);
