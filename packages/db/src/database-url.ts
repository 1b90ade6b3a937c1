import path from 'node:path';

export type DatabaseKind = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
  kind: DatabaseKind;
  url: string;
  /** For SQLite: the absolute path of the database file. */
  filePath?: string;
}

/** `file:...` is SQLite (relative paths from the working directory); `postgres(ql)://` is PostgreSQL. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('file:')) {
    const filePath = path.resolve(url.slice('file:'.length).replace(/\?.*$/, ''));
    return { kind: 'sqlite', url: `file:${filePath}`, filePath };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgresql', url };
  throw new Error('DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)');
}

/** Where the database is, for messages: the SQLite file, or PostgreSQL's host, port, database and user (never the password). */
export function describeDatabaseTarget(url: string): string {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'sqlite') return `the SQLite database ${target.filePath}`;
  try {
    const parsed = new URL(url);
    const host = parsed.searchParams.get('host') ?? (parsed.hostname || 'localhost');
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
    const user = parsed.username ? ` as ${decodeURIComponent(parsed.username)}` : '';
    return `PostgreSQL at ${host}:${parsed.port || 5432}, database ${database}${user}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}
