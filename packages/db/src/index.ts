export { createDatabase, tuneConnection, type Database, type DatabaseOptions } from './client';
export { parseDatabaseUrl, type DatabaseKind, type DatabaseTarget } from './database-url';
export { applyMigrations, migrationsDirectory } from './migrate';
export type { Account, ApiToken, AuthFailure, Connection, Message, OutboxEntry, PassCode, PendingHandshake, Prisma, UsedNonce } from '../generated/sqlite';
