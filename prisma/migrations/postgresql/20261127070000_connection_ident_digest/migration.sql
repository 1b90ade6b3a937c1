-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "identDigest" TEXT;

-- CreateIndex
CREATE INDEX "Connection_identDigest_idx" ON "Connection"("identDigest");
