-- DropIndex
DROP INDEX "FileLink_attachmentId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "FileLink_attachmentId_key" ON "FileLink"("attachmentId");

