-- CreateTable
CREATE TABLE "RegistrationAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "RegistrationAttempt_source_createdAt_idx" ON "RegistrationAttempt"("source", "createdAt");

-- CreateIndex
CREATE INDEX "RegistrationAttempt_createdAt_idx" ON "RegistrationAttempt"("createdAt");

