import { apiPath } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PASSWORD_HASH_COST, useHashCostForTests } from '../../../src/auth/password-hasher';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { CHEAP_LOG2N } from '../kit/cheap-password-hashes';
import { InProcessNode } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';

/**
 * The test client comes from loopback, which a node trusts as a proxy by default: X-Forwarded-For
 * picks the source each request is counted against, as the web inbox does for its clients.
 */
async function post(node: InProcessNode, path: string, body: unknown, source: string) {
  const response = await node.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': source },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

const statuses = (answers: Array<{ status: number }>) =>
  answers.reduce<Record<number, number>>(
    (counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
    {},
  );

describe.each(DATABASE_KINDS)('caps that hold under concurrency (%s)', { timeout: 240_000 }, (kind) => {
  let node: InProcessNode;

  beforeAll(async () => {
    // A low registration cap keeps the number of password hashes (a third of a second each, more on a busy machine) small.
    node = await InProcessNode.start(kind, 'a.test', { OPENMSG_REGISTRATIONS_PER_HOUR: '3' });
    expect(
      (
        await post(
          node,
          apiPath('register'),
          { displayName: 'Owner Account', password: PASSWORD, addressId: '4242' },
          '192.0.2.1',
        )
      ).status,
    ).toBe(201);
  });
  afterAll(() => node?.close());

  it('checks at most 10 of 120 sign-ins sent at once at one account, and refuses the right password sent last', async () => {
    const attempts = Array.from({ length: 120 }, (_, i) => (i === 119 ? PASSWORD : `wrong password ${i}`));
    const answers = await Promise.all(
      attempts.map((password, i) => post(node, apiPath('login'), { address: '4242', password }, `198.51.100.${i + 1}`)),
    );
    expect(statuses(answers)).toEqual({ 401: 10, 429: 110 });
    expect(answers[119]!.status).toBe(429);
    expect(await node.db.loginFailure.count({ where: { addressId: '4242' } })).toBe(10);
  });

  it('checks at most 50 sign-ins from one source at many accounts, of 120 sent at once after 45', async () => {
    await node.db.loginFailure.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({ addressId: `66${i}`, source: '203.0.113.50' })),
    });
    const answers = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        post(node, apiPath('login'), { address: `77${i}`, password: 'guess guess guess' }, '203.0.113.50'),
      ),
    );
    expect(statuses(answers)).toEqual({ 401: 5, 429: 115 });
    expect(await node.db.loginFailure.count({ where: { source: '203.0.113.50' } })).toBe(50);
    // Another source is not affected.
    await node.db.loginFailure.deleteMany({ where: { addressId: '4242' } });
    expect((await post(node, apiPath('login'), { address: '4242', password: PASSWORD }, '203.0.113.51')).status).toBe(
      200,
    );
  });

  it('takes at most OPENMSG_REGISTRATIONS_PER_HOUR sign-ups per source, of 30 sent at once', async () => {
    const before = await node.db.account.count();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(node, apiPath('register'), { displayName: `Burst ${i}`, password: PASSWORD }, '203.0.113.77'),
      ),
    );
    expect(statuses(answers)).toEqual({ 201: 3, 429: 27 });
    expect(answers.find((answer) => answer.status === 429)?.body.error).toBe('too_many_sign_ups');
    expect((await node.db.account.count()) - before).toBe(3);
    expect(await node.db.cappedAttempt.count({ where: { scope: 'registration', key: '203.0.113.77' } })).toBe(3);
    // One at a time, after the burst: still refused; another source still signs up.
    expect(
      (await post(node, apiPath('register'), { displayName: 'One More', password: PASSWORD }, '203.0.113.77')).status,
    ).toBe(429);
    expect(
      (await post(node, apiPath('register'), { displayName: 'Someone Else', password: PASSWORD }, '203.0.113.78'))
        .status,
    ).toBe(201);
  });

  it('refuses sign-ups past the hashing queue with 503 while sign-ins still get through', async () => {
    // Hashes at the production cost, as a real flood meets them (the tier's setup makes them cheap).
    useHashCostForTests(PASSWORD_HASH_COST.log2N);
    onTestFinished(() => useHashCostForTests(CHEAP_LOG2N));
    const before = await node.db.account.count();
    // 40 sources at once (a botnet), each under its own cap: only the queue stands in the way.
    const flood = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(node, apiPath('register'), { displayName: `Flood ${i}`, password: PASSWORD }, `100.64.0.${i + 1}`),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const signIn = await post(node, apiPath('login'), { address: '4242', password: PASSWORD }, '192.0.2.2');
    const answers = await flood;
    expect(signIn.status).toBe(200);
    const counts = statuses(answers);
    expect(counts[503]).toBeGreaterThan(0);
    expect((counts[201] ?? 0) + (counts[503] ?? 0)).toBe(40);
    expect(answers.find((answer) => answer.status === 503)?.body.error).toBe('busy');
    expect((await node.db.account.count()) - before).toBe(counts[201]);
    // A refused sign-up does not count against its source.
    const refused = answers.findIndex((answer) => answer.status === 503);
    expect(
      await node.db.cappedAttempt.count({ where: { scope: 'registration', key: `100.64.0.${refused + 1}` } }),
    ).toBe(0);
  });
});
