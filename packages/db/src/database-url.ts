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
