-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "partsSent" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
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
    "thumbnail" BYTEA,
    "keepLocation" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "receiptPending" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttachmentChunk" (
    "attachmentId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "AttachmentChunk_pkey" PRIMARY KEY ("attachmentId","index")
);

-- CreateTable
CREATE TABLE "FileLink" (
    "tokenHash" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "attachmentId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FileLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "PeerExtensions" (
    "domain" TEXT NOT NULL,
    "extensions" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PeerExtensions_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "FileStorageUsage" (
    "key" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "FileStorageUsage_pkey" PRIMARY KEY ("key")
);

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

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttachmentChunk" ADD CONSTRAINT "AttachmentChunk_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileLink" ADD CONSTRAINT "FileLink_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

