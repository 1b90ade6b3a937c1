import type { DirectSql } from '@openmsg/db';

/**
 * The injection token for statements that bypass Prisma on the same connections (see DirectSql in
 * @openmsg/db). Only the per-message path of delivery uses it; everything else goes through Prisma.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class DirectSqlService {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface DirectSqlService extends DirectSql {}
