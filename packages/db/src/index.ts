export { createDatabase, DatabaseOpenError, directSql, explainOpenError, tuneConnection, type Database, type DatabaseOptions } from './client';
export { backupSqlite, type SqliteBackup } from './backup';
export { DialectText, skipLockedRows, sql, UniqueViolationError, type DirectSql, type Sql, type SqlValue } from './direct-sql';
export { describeDatabaseTarget, parseDatabaseUrl, type DatabaseKind, type DatabaseTarget } from './database-url';
export { applyMigrations, migrationsDirectory } from './migrate';
export type { Account, ApiToken, AuthFailure, Connection, Conversation, Message, OutboxEntry, PassCode, PendingHandshake, Prisma, UsedNonce } from '../generated/sqlite';
export { NOTIFY_PAYLOAD_LIMIT_BYTES, PostgresNotifications, type NotificationHandlers, type NotificationOptions } from './postgres-notifications';
export { STORAGE_FAULT_KINDS, storageFaultOf, type StorageFaultKind } from './storage-fault';
