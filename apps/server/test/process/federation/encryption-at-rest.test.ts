import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecretHex } from '@openmsg/core';
import { DATABASE_KINDS, eventually, startPair, type TestNode } from '../../peer-kit/nodes';

describe.each(DATABASE_KINDS)('message text encrypted at rest with a node key (%s)', (kind) => {
  let a: TestNode;
  let b: TestNode;
  const key = generateSecretHex();

  beforeAll(async () => {
    ({ a, b } = await startPair(kind, {
      a: { OPENMSG_NODE_KEY: key },
      b: { OPENMSG_NODE_KEY: key.split('').reverse().join('') },
    }));
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
  });

  it('stores sent and received text only as ciphertext, and shows it to its owner', async () => {
    const alice = await a.createUser('100', 'Alice');
    const bob = await b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
    const text = 'the launch code is 0000';
    const sent = await alice.send(bob.address, text);
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    const received = await eventually(async () => (await bob.thread(alice.address)).find((m) => m.text === text));
    expect(received.direction).toBe('in');
    for (const node of [a, b]) {
      const rows = await node.db.message.findMany();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.body.startsWith('enc1:')).toBe(true);
        expect(row.body).not.toContain('launch');
      }
    }
  });
});
