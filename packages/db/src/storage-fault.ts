/**
 * A failure of the storage itself rather than of a statement: the database cannot be reached (or is
 * shutting down, or refuses connections for now), the disk is full, the file system is read-only.
 * Each passes by itself or by an operator's hand; the same statement later will work.
 */
export type StorageFaultKind = 'database_unavailable' | 'storage_full' | 'storage_read_only';

export const STORAGE_FAULT_KINDS: readonly StorageFaultKind[] = [
  'database_unavailable',
  'storage_full',
  'storage_read_only',
];

/** Node's socket errors: the server is not there, or the connection to it broke. */
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
/**
 * PostgreSQL's SQLSTATEs: 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now
 * (starting up, shutting down, recovering), 53300 too many connections; class 08 is a broken
 * connection. 53100 disk full; 25006 a read-only transaction (a standby after a failover).
 */
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);
/** Prisma's error codes when it cannot reach the database or its connection pool timed out. */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Kinds Prisma's driver adapters give a driver error (`meta.driverAdapterError.cause.kind`). */
const ADAPTER_UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** What node-postgres throws without a code: the server went away under a query, or the pool could not connect in time. */
const UNAVAILABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connection (?:is )?closed|client has encountered a connection error|server closed the connection/i;

/**
 * Which storage fault an error of either database (better-sqlite3, node-postgres, or Prisma wrapping
 * one of them) is, or null for any other error. The only place that knows the drivers' codes.
 */
export function storageFaultOf(error: unknown): StorageFaultKind | null {
  const found = new Set<StorageFaultKind>();
  for (const link of chainOf(error)) {
    const kind = faultOfOne(link);
    if (kind) found.add(kind);
  }
  // A full disk seen through a broken write (SQLITE_IOERR beside ENOSPC) is reported as full.
  if (found.has('storage_full')) return 'storage_full';
  if (found.has('storage_read_only')) return 'storage_read_only';
  return found.has('database_unavailable') ? 'database_unavailable' : null;
}

function faultOfOne(link: Record<string, unknown>): StorageFaultKind | null {
  const code = typeof link.code === 'string' ? link.code : '';
  const originalCode = typeof link.originalCode === 'string' ? link.originalCode : '';
  const kind = typeof link.kind === 'string' ? link.kind : '';
  const message = typeof link.message === 'string' ? link.message : '';
  for (const candidate of [code, originalCode]) {
    if (!candidate) continue;
    if (candidate === 'SQLITE_FULL' || candidate === 'ENOSPC' || candidate === '53100') return 'storage_full';
    if (candidate.startsWith('SQLITE_READONLY') || candidate === 'EROFS' || candidate === '25006')
      return 'storage_read_only';
    if (candidate.startsWith('SQLITE_IOERR') || candidate === 'SQLITE_CANTOPEN' || candidate === 'SQLITE_BUSY')
      return 'database_unavailable';
    if (
      UNREACHABLE_SOCKET_CODES.has(candidate) ||
      POSTGRES_UNAVAILABLE.has(candidate) ||
      /^08[0-9A-Z]{3}$/.test(candidate)
    )
      return 'database_unavailable';
    if (PRISMA_UNAVAILABLE.has(candidate)) return 'database_unavailable';
  }
  if (ADAPTER_UNAVAILABLE_KINDS.has(kind)) return 'database_unavailable';
  if (/database or disk is full|no space left on device/i.test(message)) return 'storage_full';
  if (/attempt to write a readonly database|read-only file system/i.test(message)) return 'storage_read_only';
  if (UNAVAILABLE_MESSAGES.test(message)) return 'database_unavailable';
  return null;
}

/**
 * The error and what it wraps: `cause`, Prisma's `meta.driverAdapterError` (and its `cause`, the
 * adapter's classification with the driver's `originalCode`), an AggregateError's errors (a refused
 * connection to a name with two addresses).
 */
function chainOf(error: unknown): Record<string, unknown>[] {
  const links: Record<string, unknown>[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && links.length < 20) {
    const next = pending.shift();
    if (next === null || typeof next !== 'object' || links.includes(next as Record<string, unknown>)) continue;
    const link = next as Record<string, unknown>;
    links.push(link);
    pending.push(link.cause);
    const meta = link.meta as { driverAdapterError?: unknown } | undefined;
    if (meta && typeof meta === 'object') pending.push(meta.driverAdapterError);
    if (Array.isArray(link.errors)) pending.push(...(link.errors as unknown[]));
  }
  return links;
}
