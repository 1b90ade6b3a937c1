-- AlterTable
ALTER TABLE "Account" ADD COLUMN "deletedAt" DATETIME;

