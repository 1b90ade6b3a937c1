-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "reservedBytes" INTEGER NOT NULL DEFAULT 0;

