-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "role" TEXT NOT NULL DEFAULT 'user';

-- CreateTable
CREATE TABLE "AdminAuditEntry" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminAuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PeerFailure" (
    "domain" TEXT NOT NULL,
    "failureCode" TEXT NOT NULL,
    "failureReason" TEXT,
    "failedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PeerFailure_pkey" PRIMARY KEY ("domain")
);

-- CreateIndex
CREATE INDEX "AdminAuditEntry_createdAt_id_idx" ON "AdminAuditEntry"("createdAt", "id");

