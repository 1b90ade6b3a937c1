import type { DirectSql } from '@openmsg/db';

/**
 * The injection token for the repositories' typed statements (built with `tables`, run on Prisma's
 * connections without Prisma's query engine: see DirectSql in @openmsg/db).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class DirectSqlService {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface DirectSqlService extends DirectSql {}
