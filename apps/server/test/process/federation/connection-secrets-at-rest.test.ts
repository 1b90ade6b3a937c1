import { afterAll, describe, expect, it } from 'vitest';
import { generateSecretHex } from '@openmsg/core';
import { ApiClient } from '../../peer-kit/api-client';
import { createTestDatabase, DATABASE_KINDS, eventually, freePort, TestNode } from '../../peer-kit/nodes';

const SECRET_COLUMNS = ['authCode', 'identCode', 'messageCryptKey'] as const;
/** Bursts of messages on a busy test machine: a slow answer is not what this test is about. */
const PATIENT = { OPENMSG_PEER_TIMEOUT_MS: '10000', OPENMSG_DELIVERY_LEASE_SECONDS: '20' };

/** Sends `count` messages each way at once and waits until every one is delivered and shown to its receiver. */
async function exchange(first: ApiClient, second: ApiClient, label: string, count: number) {
  const sends = await Promise.all([
    ...Array.from({ length: count }, (_, i) =>
      first.send(second.address, `${label} there ${i}`).then((r) => ({ from: first, r })),
    ),
    ...Array.from({ length: count }, (_, i) =>
      second.send(first.address, `${label} back ${i}`).then((r) => ({ from: second, r })),
    ),
  ]);
  const states = await Promise.all(
    sends.map(({ from, r }) => from.waitForState(r.body.id, ['delivered', 'failed'], 90_000).then((m) => m.state)),
  );
  expect(new Set(states)).toEqual(new Set(['delivered']));
  // The receiver confirms before it stores (the protocol's order): its thread may lag "delivered" a moment.
  for (const [receiver, sender, word] of [
    [second, first, 'there'],
    [first, second, 'back'],
  ] as const) {
    const expected = Array.from({ length: count }, (_, i) => `${label} ${word} ${i}`);
    await eventually(async () => {
      const texts = new Set(
        (await receiver.thread(sender.address)).filter((m) => m.direction === 'in').map((m) => m.text),
      );
      return expected.every((text) => texts.has(text));
    });
  }
}

describe.each(DATABASE_KINDS)('connection secrets encrypted at rest with a node key (%s)', (kind) => {
  const nodes: TestNode[] = [];
  afterAll(async () => {
    for (const node of nodes) await node.dispose(); // two of them share a database
  });

  /** startPair, but each node is disposed after the tests even when the other fails to start. */
  async function startPair(env: { a: Record<string, string>; b: Record<string, string> }) {
    const [portA, portB] = [await freePort(), await freePort()];
    const overrides = { OPENMSG_PEER_OVERRIDES: `a.test=http://127.0.0.1:${portA},b.test=http://127.0.0.1:${portB}` };
    const a = new TestNode('a.test', portA, await createTestDatabase(kind), { ...overrides, ...env.a });
    const b = new TestNode('b.test', portB, await createTestDatabase(kind), { ...overrides, ...env.b });
    nodes.push(a, b);
    await Promise.all([a.start(), b.start()]);
    return { a, b };
  }

  // Two nodes and four accounts (an admin CLI process each): slow on a busy machine.
  it('stores no secret in clear, and handshakes and messages work both ways', { timeout: 180_000 }, async () => {
    // a has a key, b none: b's rows hold the plain secrets the two share, to compare with a's.
    const { a, b } = await startPair({ a: { ...PATIENT, OPENMSG_NODE_KEY: generateSecretHex() }, b: PATIENT });
    const [ann, amy] = [await a.createUser('100', 'Ann'), await a.createUser('101', 'Amy')];
    const [bob, bea] = [await b.createUser('200', 'Bob'), await b.createUser('201', 'Bea')];
    expect((await ann.connect(bob.address, await bob.createPassCode())).status).toBe(201); // a initiates
    expect((await bea.connect(amy.address, await amy.createPassCode())).status).toBe(201); // a answers

    const aRows = await a.db.connection.findMany();
    const bRows = await b.db.connection.findMany();
    expect(aRows).toHaveLength(2);
    for (const row of aRows) {
      expect(row.identDigest).toMatch(/^[0-9a-f]{64}$/);
      for (const column of SECRET_COLUMNS) expect(row[column].startsWith('enc1:')).toBe(true);
    }
    const aValues = aRows
      .flatMap((row) => SECRET_COLUMNS.map((column) => row[column]).concat(row.identDigest!))
      .join(' ');
    for (const row of bRows) {
      expect(row.identDigest).toBeNull(); // without a key nothing changes
      for (const column of SECRET_COLUMNS) {
        expect(row[column].startsWith('enc1:')).toBe(false);
        expect(aValues).not.toContain(row[column]);
      }
    }

    await exchange(ann, bob, 'keyed initiator', 20);
    await exchange(amy, bea, 'keyed receiver', 20);
  });

  it(
    'encrypts rows stored before the key was set at start; a plain row written meanwhile keeps working',
    { timeout: 180_000 },
    async () => {
      const { a, b } = await startPair({ a: PATIENT, b: PATIENT });
      const ann = await a.createUser('100', 'Ann');
      const bob = await b.createUser('200', 'Bob');
      expect((await ann.connect(bob.address, await bob.createPassCode())).status).toBe(201);
      await exchange(ann, bob, 'before the key', 3);
      const [before] = await a.db.connection.findMany();
      expect(before!.authCode.startsWith('enc1:')).toBe(false);

      // The same database and port, now with a key.
      await a.stop();
      const keyed = new TestNode('a.test', a.port, a.testDatabase, {
        ...PATIENT,
        OPENMSG_PEER_OVERRIDES: a.env.OPENMSG_PEER_OVERRIDES!,
        OPENMSG_NODE_KEY: generateSecretHex(),
      });
      nodes.push(keyed);
      await keyed.start();
      // A node key also keys the access-token digests: Ann's old token no longer counts.
      const annAgain = new ApiClient(
        keyed.baseUrl,
        (await keyed.admin('create-token', '--id', '100')).token,
        ann.address,
      );
      const [after] = await keyed.db.connection.findMany();
      expect(after!.id).toBe(before!.id);
      expect(after!.identDigest).toMatch(/^[0-9a-f]{64}$/);
      for (const column of SECRET_COLUMNS) {
        expect(after![column].startsWith('enc1:')).toBe(true);
        expect(after![column]).not.toContain(before![column]);
      }
      await exchange(annAgain, bob, 'after the key', 20);
      expect((await annAgain.thread(bob.address)).filter((m) => m.text.startsWith('before the key'))).toHaveLength(6); // still readable

      // A row as an older version (or a replica without the key) writes it: plain, no digest.
      await keyed.db.connection.update({
        where: { id: before!.id },
        data: {
          authCode: before!.authCode,
          identCode: before!.identCode,
          messageCryptKey: before!.messageCryptKey,
          identDigest: null,
        },
      });
      await exchange(annAgain, bob, 'plain again', 10);
      await keyed.stop();
      await keyed.start();
      const [resealed] = await keyed.db.connection.findMany();
      expect(resealed!.identDigest).toBe(after!.identDigest);
      for (const column of SECRET_COLUMNS) expect(resealed![column].startsWith('enc1:')).toBe(true);
      await exchange(annAgain, bob, 'resealed', 5);
      expect(await bob.thread(annAgain.address)).toHaveLength(2 * (3 + 20 + 10 + 5));
    },
  );
});
