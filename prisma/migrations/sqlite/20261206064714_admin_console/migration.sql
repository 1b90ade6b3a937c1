-- CreateTable
CREATE TABLE "AdminAuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PeerFailure" (
    "domain" TEXT NOT NULL PRIMARY KEY,
    "failureCode" TEXT NOT NULL,
    "failureReason" TEXT,
    "failedAt" DATETIME NOT NULL
);

-- AlterTable (written by hand: Prisma's diff rebuilds the table for a NOT NULL column with a default, which SQLite adds in place)
ALTER TABLE "Account" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'user';

-- CreateIndex
CREATE INDEX "AdminAuditEntry_createdAt_id_idx" ON "AdminAuditEntry"("createdAt", "id");

