/** `text` for a LIKE pattern with `ESCAPE '\'`: its own %, _ and \ match only themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** A date the database gave back from an aggregate (SQLite: milliseconds; PostgreSQL: a Date). */
export function dateOf(value: Date | number | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date
    ? value
    : new Date(typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value);
}
