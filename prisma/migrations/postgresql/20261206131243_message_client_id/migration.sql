-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "clientId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Message_accountId_clientId_key" ON "Message"("accountId", "clientId");

