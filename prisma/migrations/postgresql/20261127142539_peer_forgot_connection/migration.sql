-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "peerForgotAt" TIMESTAMP(3);

