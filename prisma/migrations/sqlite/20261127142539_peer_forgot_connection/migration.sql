-- AlterTable
ALTER TABLE "Connection" ADD COLUMN "peerForgotAt" DATETIME;

