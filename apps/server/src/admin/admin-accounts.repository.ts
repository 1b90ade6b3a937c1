import { Injectable } from '@nestjs/common';
import { type Account, sql } from '@openmsg/db';
import type { CursorPosition } from '../http/page-cursor';
import { DirectSqlService } from '../database/direct-sql.service';
import { escapeLike } from './like-pattern';

export type AdminAccountRow = Pick<Account, 'id' | 'addressId' | 'displayName' | 'role' | 'disabledAt' | 'createdAt'>;

/** Only one transaction that can take an admin away runs at a time (PostgreSQL: an advisory lock; SQLite: its single writer). */
const ADMIN_ROLE_LOCK = 'admin-role';

/**
 * The account changes of the admin console. Whatever can leave the node without an active admin
 * is one conditional UPDATE under ADMIN_ROLE_LOCK, so that a burst of them (two admins disabling
 * each other at once) cannot pass the check together.
 */
@Injectable()
export class AdminAccountsRepository {
  constructor(private readonly db: DirectSqlService) {}

  /** Accounts newest first, not deleted; `q` matches the start of the number or any part of the name (ASCII case ignored). */
  search(q: string | undefined, limit: number, after: CursorPosition | undefined): Promise<AdminAccountRow[]> {
    const pattern = q ? escapeLike(q.toLowerCase()) : '';
    return this.db.query<AdminAccountRow>(sql`
      SELECT "id", "addressId", "displayName", "role", "disabledAt", "createdAt" FROM "Account"
      WHERE "deletedAt" IS NULL
        AND (${pattern} = '' OR "addressId" LIKE ${`${pattern}%`} ESCAPE '\\' OR LOWER("displayName") LIKE ${`%${pattern}%`} ESCAPE '\\')
        AND (${after ? 1 : 0} = 0 OR "createdAt" < ${after?.createdAt ?? null} OR ("createdAt" = ${after?.createdAt ?? null} AND "id" < ${after?.id ?? ''}))
      ORDER BY "createdAt" DESC, "id" DESC
      LIMIT ${limit}`);
  }

  async find(addressId: string): Promise<AdminAccountRow | null> {
    const rows = await this.db.query<AdminAccountRow>(sql`
      SELECT "id", "addressId", "displayName", "role", "disabledAt", "createdAt" FROM "Account" WHERE "addressId" = ${addressId} AND "deletedAt" IS NULL`);
    return rows[0] ?? null;
  }

  /**
   * Disables the account, if the actor is still an active admin and the node keeps one besides
   * the target. `alreadyDisabled`: also true when the target was disabled before (the first step of a delete).
   */
  async disableKeepingAnAdmin(targetId: string, actorId: string, now: Date, options: { alreadyDisabled: boolean }): Promise<boolean> {
    const [changed] = await this.db.transaction(
      [
        sql`UPDATE "Account" SET "disabledAt" = COALESCE("disabledAt", ${now}), "updatedAt" = ${now}
          WHERE "id" = ${targetId} AND "deletedAt" IS NULL AND (${options.alreadyDisabled ? 1 : 0} = 1 OR "disabledAt" IS NULL)
            AND EXISTS (SELECT 1 FROM "Account" actor WHERE actor."id" = ${actorId} AND actor."role" = 'admin' AND actor."disabledAt" IS NULL)
            AND ("role" <> 'admin' OR "disabledAt" IS NOT NULL
              OR (SELECT COUNT(*) FROM "Account" other WHERE other."role" = 'admin' AND other."disabledAt" IS NULL AND other."id" <> ${targetId}) > 0)`,
      ],
      { lockKeys: [ADMIN_ROLE_LOCK] },
    );
    return changed === 1;
  }

  /** True for the one call that enabled a disabled account. */
  async enable(targetId: string, now: Date): Promise<boolean> {
    const changed = await this.db.execute(sql`
      UPDATE "Account" SET "disabledAt" = NULL, "updatedAt" = ${now} WHERE "id" = ${targetId} AND "disabledAt" IS NOT NULL AND "deletedAt" IS NULL`);
    return changed === 1;
  }

  /** The admin CLI's grant-admin and revoke-admin: true when the role changed. */
  async setRole(addressId: string, role: 'user' | 'admin', now: Date): Promise<boolean> {
    const [changed] = await this.db.transaction(
      [sql`UPDATE "Account" SET "role" = ${role}, "updatedAt" = ${now} WHERE "addressId" = ${addressId} AND "deletedAt" IS NULL AND "role" <> ${role}`],
      { lockKeys: [ADMIN_ROLE_LOCK] },
    );
    return changed === 1;
  }

  async counts(): Promise<{ active: number; disabled: number; admins: number }> {
    const [row] = await this.db.query<{ active: number; disabled: number; admins: number }>(sql`
      SELECT CAST(SUM(CASE WHEN "disabledAt" IS NULL THEN 1 ELSE 0 END) AS INTEGER) AS "active",
        CAST(SUM(CASE WHEN "disabledAt" IS NOT NULL THEN 1 ELSE 0 END) AS INTEGER) AS "disabled",
        CAST(SUM(CASE WHEN "role" = 'admin' AND "disabledAt" IS NULL THEN 1 ELSE 0 END) AS INTEGER) AS "admins"
      FROM "Account" WHERE "deletedAt" IS NULL`);
    return { active: Number(row?.active ?? 0), disabled: Number(row?.disabled ?? 0), admins: Number(row?.admins ?? 0) };
  }
}
