import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../../src/accounts/accounts.service';
import { AdminAccountsRepository, type AdminAccountRow } from '../../src/admin/admin-accounts.repository';
import { AdminDeliveryRepository } from '../../src/admin/admin-delivery.repository';
import { AuditLogRepository } from '../../src/admin/audit-log.repository';
import { escapeLike } from '../../src/admin/like-pattern';
import { DeliveryQueueRepository } from '../../src/delivery/delivery-queue.repository';
import { StorageUsageRepository } from '../../src/admin/storage-usage.repository';
import type { CursorPosition } from '../../src/http/page-cursor';
import { MetricsRepository } from '../../src/metrics/metrics.repository';
import { InProcessNode } from '../in-process/kit/in-process-node';
import { DATABASE_KINDS } from '../peer-kit/nodes';

/** The admin console's and the metrics' typed statements, run on both databases through a node's repositories. */
describe.each(DATABASE_KINDS)('admin repositories (%s)', (kind) => {
  let node: InProcessNode;
  let accounts: AdminAccountsRepository;
  const ids = new Map<string, string>();

  /** The name is stored as given: names of other sources (older versions, peers) may hold what the sign-up refuses, such as % or _. */
  const createAccount = async (addressId: string, displayName: string) => {
    const account = await node.app
      .get(AccountsService)
      .create({ addressId, displayName: 'Someone', allowReplies: true, passwordHash: null });
    await node.db.account.update({ where: { id: account.id }, data: { displayName } });
    ids.set(addressId, account.id);
    return account.id;
  };
  const id = (addressId: string) => ids.get(addressId) as string;

  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'admin-repos.test');
    accounts = node.app.get(AdminAccountsRepository);
    const names: Array<[string, string]> = [
      ['100', 'Ann_Lee'],
      ['101', 'Annie'],
      ['102', '50% Off'],
      ['103', '500 Club'],
      ['200', 'Bob'],
      ['201', 'back\\slash'],
      ['300', 'Carol'],
    ];
    for (const [addressId, name] of names) await createAccount(addressId, name);
  });
  afterAll(() => node?.close());

  const allPages = async (q: string | undefined, limit: number) => {
    const seen: AdminAccountRow[] = [];
    let after: CursorPosition | undefined;
    for (;;) {
      const page = await accounts.search(q, limit, after);
      seen.push(...page);
      if (page.length < limit) return seen;
      const last = page[page.length - 1] as AdminAccountRow;
      after = { createdAt: last.createdAt, id: last.id };
    }
  };

  it('searches accounts by number prefix or name part, treating %, _ and \\ as themselves', async () => {
    const names = async (q: string) => (await accounts.search(q, 50, undefined)).map((row) => row.displayName).sort();
    expect(await names('ann_')).toEqual(['Ann_Lee']);
    expect(await names('ANN')).toEqual(['Ann_Lee', 'Annie']);
    expect(await names('50%')).toEqual(['50% Off']);
    expect(await names('\\')).toEqual(['back\\slash']);
    expect(await names('10')).toEqual(['50% Off', '500 Club', 'Ann_Lee', 'Annie']);
    expect(await names('0')).toEqual(['50% Off', '500 Club']);
    expect(await names('_')).toEqual(['Ann_Lee']);
  });

  it('pages through every account newest first, without gaps or repeats', async () => {
    const all = await accounts.search(undefined, 100, undefined);
    expect(all.length).toBeGreaterThanOrEqual(7);
    const ordered = [...all].sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    );
    expect(all.map((row) => row.id)).toEqual(ordered.map((row) => row.id));
    for (const limit of [1, 2, 3])
      expect((await allPages(undefined, limit)).map((row) => row.id)).toEqual(all.map((row) => row.id));
    expect((await allPages('ann', 1)).map((row) => row.displayName).sort()).toEqual(['Ann_Lee', 'Annie']);
    const found = await accounts.find('100');
    expect(found).toMatchObject({
      id: id('100'),
      addressId: '100',
      displayName: 'Ann_Lee',
      role: 'user',
      disabledAt: null,
    });
    expect(found?.createdAt).toBeInstanceOf(Date);
    expect(await accounts.find('999')).toBeNull();
  });

  it('grants a role once under 50 concurrent calls, and counts active, disabled and admin accounts', async () => {
    const now = new Date();
    const granted = await Promise.all(Array.from({ length: 50 }, () => accounts.setRole('300', 'admin', now)));
    expect(granted.filter(Boolean)).toHaveLength(1);
    expect((await accounts.find('300'))?.role).toBe('admin');
    expect(await accounts.setRole('999', 'admin', now)).toBe(false);
    const counts = await accounts.counts();
    expect(counts).toEqual({ active: ids.size, disabled: 0, admins: 1 });
  });

  it('keeps an active admin when two admins disable each other in a burst of 50', async () => {
    const now = new Date();
    await createAccount('400', 'Admin Four');
    await createAccount('401', 'Admin Five');
    expect(await accounts.setRole('400', 'admin', now)).toBe(true);
    expect(await accounts.setRole('401', 'admin', now)).toBe(true);
    expect(await accounts.setRole('300', 'user', now)).toBe(true);
    const [four, five] = [id('400'), id('401')];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0
          ? accounts.disableKeepingAnAdmin(five, four, now, { alreadyDisabled: false })
          : accounts.disableKeepingAnAdmin(four, five, now, { alreadyDisabled: false }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const after = await accounts.counts();
    expect(after.admins).toBe(1);
    expect(after.disabled).toBe(1);
    const survivor = (await accounts.find('400'))?.disabledAt === null ? four : five;
    const disabled = survivor === four ? five : four;
    // The last active admin cannot be disabled, not even by itself.
    expect(await accounts.disableKeepingAnAdmin(survivor, survivor, now, { alreadyDisabled: false })).toBe(false);
    // A user can be disabled; a second call finds it disabled, unless it is the first step of a delete.
    expect(await accounts.disableKeepingAnAdmin(id('200'), survivor, now, { alreadyDisabled: false })).toBe(true);
    expect(await accounts.disableKeepingAnAdmin(id('200'), survivor, now, { alreadyDisabled: false })).toBe(false);
    const later = new Date(now.getTime() + 1000);
    expect(await accounts.disableKeepingAnAdmin(id('200'), survivor, later, { alreadyDisabled: true })).toBe(true);
    expect((await accounts.find('200'))?.disabledAt?.getTime()).toBe(now.getTime());

    const enabled = await Promise.all(Array.from({ length: 50 }, () => accounts.enable(disabled, later)));
    expect(enabled.filter(Boolean)).toHaveLength(1);
    expect(await accounts.counts()).toEqual({ active: ids.size - 1, disabled: 1, admins: 2 });
  });

  it('counts the delivery queue per domain, LIKE-special characters included, and the metrics queue', async () => {
    const accountId = id('101');
    const base = Date.UTC(2026, 0, 1);
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    const message = (otherAddress: string, state: string, minutes: number, direction = 'out') => ({
      accountId,
      otherAddress,
      direction,
      body: 'hello',
      state,
      createdAt: at(minutes),
    });
    await node.db.message.createMany({
      data: [
        message('1*we_ird.test', 'queued', 5),
        message('22*we_ird.test', 'sending', 3),
        message('3*we_ird.test', 'failed', 1),
        message('4*weXird.test', 'queued', 2),
        message('5*we%ird.test', 'failed', 0),
        message('6*we%ird.test', 'failed', 4),
        message('7*done.test', 'delivered', 0),
        message('8*in.test', 'queued', 0, 'in'),
      ],
    });
    const queue = await node.app.get(AdminDeliveryRepository).queueByDomain();
    expect(queue).toEqual([
      { domain: 'weXird.test', waiting: 1, failed: 0, oldestWaitingAt: at(2) },
      { domain: 'we_ird.test', waiting: 2, failed: 1, oldestWaitingAt: at(3) },
      { domain: 'we%ird.test', waiting: 0, failed: 2, oldestWaitingAt: null },
    ]);
    // The in.test row is queued too: the metric counts every waiting message.
    expect(await node.app.get(MetricsRepository).deliveryQueue()).toEqual({ depth: 4, oldestCreatedAt: at(0) });
  });

  it('keeps the newest failure per peer domain under 20 concurrent records', async () => {
    const delivery = node.app.get(AdminDeliveryRepository);
    const times = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2026, 1, 1, 0, (i * 7) % 20)));
    await Promise.all(
      times.map((failedAt, i) =>
        delivery.recordFailure({
          domain: 'down.test',
          failureCode: `code-${i}`,
          failureReason: `reason ${i}`,
          failedAt,
        }),
      ),
    );
    const newest = Math.max(...times.map((time) => time.getTime()));
    const [failure] = (await delivery.recentFailures(10)).filter((row) => row.domain === 'down.test');
    expect(failure?.failedAt.getTime()).toBe(newest);
    expect(failure?.failureCode).toBe(`code-${times.findIndex((time) => time.getTime() === newest)}`);
  });

  it('sums the stored bytes per account, multi-byte text counted in bytes', async () => {
    await node.db.message.createMany({
      data: [
        { accountId: id('102'), otherAddress: '1*x.test', direction: 'in', body: 'héllo', state: 'delivered' },
        { accountId: id('102'), otherAddress: '1*x.test', direction: 'out', body: '€€', state: 'delivered' },
      ],
    });
    const bytes = await node.app.get(StorageUsageRepository).messageBytesPerAccount();
    expect(bytes.get(id('102'))).toBe(Buffer.byteLength('héllo') + Buffer.byteLength('€€'));
    expect(bytes.get(id('101'))).toBe(8 * Buffer.byteLength('hello'));
    expect(bytes.has(id('300'))).toBe(false);
    expect(await node.app.get(MetricsRepository).databaseSizeBytes()).toBeGreaterThan(0);
  });

  it('pages the audit log newest first, entries of the same moment by id', async () => {
    const at = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 0, 0, seconds));
    const entries = Array.from({ length: 9 }, (_, i) => ({
      id: `audit-${i}`,
      actor: 'admin',
      action: 'account.disable',
      target: `${i}`,
      createdAt: at(Math.floor(i / 3)),
    }));
    await node.db.adminAuditEntry.createMany({ data: entries });
    const expected = [...entries].reverse().map((entry) => entry.id);
    const audit = node.app.get(AuditLogRepository);
    for (const limit of [1, 2, 4, 9]) {
      const seen: string[] = [];
      let after: CursorPosition | undefined;
      for (;;) {
        const page = await audit.page(limit, after);
        seen.push(...page.map((row) => row.id));
        const last = page[page.length - 1];
        if (page.length < limit || !last) break;
        after = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen).toEqual(expected);
    }
    const [first] = await audit.page(1, undefined);
    expect(first).toEqual({
      id: 'audit-8',
      actor: 'admin',
      action: 'account.disable',
      target: '8',
      detail: null,
      createdAt: at(2),
    });
  });

  it('retries all failed messages of one domain only: _ and % in the pattern match themselves', async () => {
    const accountId = id('103');
    const failed = (id: string, otherAddress: string) => ({
      id,
      accountId,
      otherAddress,
      direction: 'out',
      body: 'retry',
      state: 'failed',
    });
    await node.db.message.createMany({
      data: [failed('retry-1', '9*ab_c.test'), failed('retry-2', '9*abXc.test'), failed('retry-3', '9*ab%c.test')],
    });
    const now = new Date();
    const queue = node.app.get(DeliveryQueueRepository);
    const first = await queue.requeueAllTo(`%*${escapeLike('ab_c.test')}`, now, new Date(now.getTime() + 60_000));
    expect(first.requeued).toEqual(['retry-1']);
    const second = await queue.requeueAllTo(`%*${escapeLike('ab%c.test')}`, now, new Date(now.getTime() + 60_000));
    expect(second.requeued).toEqual(['retry-3']);
    const untouched = await node.db.message.findUnique({ where: { id: 'retry-2' } });
    expect(untouched?.state).toBe('failed');
  });
});
