import type { Database } from '@openmsg/db';

/**
 * The injection token for the process's one Prisma client (SQLite or PostgreSQL by DATABASE_URL).
 * Repositories inject it; nothing else touches the database.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class PrismaService {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface PrismaService extends Database {}
