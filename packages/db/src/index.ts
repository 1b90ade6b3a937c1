export { createDatabase, directSql, tuneConnection, type Database, type DatabaseOptions } from './client';
export { sql, UniqueViolationError, type DirectSql, type Sql, type SqlValue } from './direct-sql';
export { parseDatabaseUrl, type DatabaseKind, type DatabaseTarget } from './database-url';
export { applyMigrations, migrationsDirectory } from './migrate';
export type { Account, ApiToken, AuthFailure, Connection, Message, OutboxEntry, PassCode, PendingHandshake, Prisma, UsedNonce } from '../generated/sqlite';
