-- DropIndex
DROP INDEX "Message_accountId_otherAddress_createdAt_idx";

-- DropIndex
DROP INDEX "OutboxEntry_createdAt_idx";

