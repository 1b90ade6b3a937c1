export {
  createDatabase,
  DatabaseOpenError,
  directSql,
  explainOpenError,
  tuneConnection,
  type Database,
  type DatabaseOptions,
} from './client';
export { backupDatabase, BackupNotOfferedError, backupSqlite, type SqliteBackup } from './backup';
export {
  skipLockedRows,
  sql,
  UniqueViolationError,
  type DirectSql,
  type RowOf,
  type Sql,
  type SqlValue,
  type Statement,
} from './direct-sql';
export {
  BoundQuery,
  countWhere,
  likeEscaped,
  PreparedQuery,
  preparedQuery,
  tables,
  type Tables,
  type TypedQuery,
} from './typed-sql';
export { describeDatabaseTarget, parseDatabaseUrl, type DatabaseKind, type DatabaseTarget } from './database-url';
export { applyMigrations, migrationsDirectory } from './migrate';
export type {
  Account,
  AdminAuditEntry,
  ApiToken,
  AuthFailure,
  Connection,
  Conversation,
  Invitation,
  Message,
  OutboxEntry,
  PassCode,
  PeerFailure,
  PendingHandshake,
  Prisma,
  UsedNonce,
} from '../generated/sqlite';
export {
  NOTIFY_PAYLOAD_LIMIT_BYTES,
  notificationsBetweenProcesses,
  PostgresNotifications,
  type NotificationChannel,
  type NotificationHandlers,
  type NotificationOptions,
} from './postgres-notifications';
export { STORAGE_FAULT_KINDS, storageFaultOf, type StorageFaultKind } from './storage-fault';
