import { Injectable } from '@nestjs/common';
import { countWhere, likeEscaped, tables } from '@openmsg/db';
import type { CursorPosition } from '../http/page-cursor';
import { DirectSqlService } from '../database/direct-sql.service';
import { escapeLike } from './like-pattern';

const accountView = tables
  .selectFrom('Account')
  .select(['id', 'addressId', 'displayName', 'role', 'disabledAt', 'createdAt'])
  .where('deletedAt', 'is', null);

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
  search(q: string | undefined, limit: number, after: CursorPosition | undefined) {
    let query = accountView.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit);
    if (q) {
      const pattern = escapeLike(q.toLowerCase());
      query = query.where((eb) =>
        eb.or([
          likeEscaped('addressId', `${pattern}%`),
          likeEscaped(eb.fn<string>('lower', [eb.ref('displayName')]), `%${pattern}%`),
        ]),
      );
    }
    if (after)
      query = query.where((eb) => eb(eb.refTuple('createdAt', 'id'), '<', eb.tuple(after.createdAt, after.id)));
    return this.db.query(query);
  }

  async find(addressId: string) {
    const [row] = await this.db.query(accountView.where('addressId', '=', addressId));
    return row ?? null;
  }

  /**
   * Disables the account, if the actor is still an active admin and the node keeps one besides
   * the target. `alreadyDisabled`: also true when the target was disabled before (the first step of a delete).
   */
  async disableKeepingAnAdmin(
    targetId: string,
    actorId: string,
    now: Date,
    options: { alreadyDisabled: boolean },
  ): Promise<boolean> {
    const disable = tables
      .updateTable('Account')
      .set((eb) => ({ disabledAt: eb.fn.coalesce('disabledAt', eb.val(now)), updatedAt: now }))
      .where('id', '=', targetId)
      .where('deletedAt', 'is', null)
      .$if(!options.alreadyDisabled, (query) => query.where('disabledAt', 'is', null))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('Account as actor')
            .select(eb.lit(1).as('one'))
            .where('actor.id', '=', actorId)
            .where('actor.role', '=', 'admin')
            .where('actor.disabledAt', 'is', null),
        ),
      )
      .where((eb) =>
        eb.or([
          eb('Account.role', '<>', 'admin'),
          eb('Account.disabledAt', 'is not', null),
          eb.exists(
            eb
              .selectFrom('Account as other')
              .select(eb.lit(1).as('one'))
              .where('other.role', '=', 'admin')
              .where('other.disabledAt', 'is', null)
              .where('other.id', '<>', targetId),
          ),
        ]),
      );
    const [changed] = await this.db.transaction([disable], { lockKeys: [ADMIN_ROLE_LOCK] });
    return changed === 1;
  }

  /** True for the one call that enabled a disabled account. */
  async enable(targetId: string, now: Date): Promise<boolean> {
    const changed = await this.db.execute(
      tables
        .updateTable('Account')
        .set({ disabledAt: null, updatedAt: now })
        .where('id', '=', targetId)
        .where('disabledAt', 'is not', null)
        .where('deletedAt', 'is', null),
    );
    return changed === 1;
  }

  /** The admin CLI's grant-admin and revoke-admin: true when the role changed. */
  async setRole(addressId: string, role: 'user' | 'admin', now: Date): Promise<boolean> {
    const change = tables
      .updateTable('Account')
      .set({ role, updatedAt: now })
      .where('addressId', '=', addressId)
      .where('deletedAt', 'is', null)
      .where('role', '<>', role);
    const [changed] = await this.db.transaction([change], { lockKeys: [ADMIN_ROLE_LOCK] });
    return changed === 1;
  }

  async counts(): Promise<{ active: number; disabled: number; admins: number }> {
    const [row] = await this.db.query(
      tables
        .selectFrom('Account')
        .select((eb) => [
          countWhere(eb('disabledAt', 'is', null)).as('active'),
          countWhere(eb('disabledAt', 'is not', null)).as('disabled'),
          countWhere(eb.and([eb('role', '=', 'admin'), eb('disabledAt', 'is', null)])).as('admins'),
        ])
        .where('deletedAt', 'is', null),
    );
    return { active: row?.active ?? 0, disabled: row?.disabled ?? 0, admins: row?.admins ?? 0 };
  }
}

/** An account as the admin console reads it (the row type of the query). */
export type AdminAccountRow = NonNullable<Awaited<ReturnType<AdminAccountsRepository['find']>>>;
