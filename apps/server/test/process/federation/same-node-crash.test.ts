import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually, startTestNode, type TestNode } from '../../peer-kit/nodes';

/** Local delivery goes through the same durable queue: a node killed mid-burst loses nothing and stores nothing twice. */
describe.each(DATABASE_KINDS)('a node killed while its users message each other (%s)', (kind) => {
  let node: TestNode;

  beforeAll(async () => {
    node = await startTestNode(kind, 'home.test', { OPENMSG_ALLOW_PRIVATE_PEERS: 'false' });
  });
  afterAll(async () => {
    await node?.dispose();
  });

  it('delivers every accepted message exactly once after a SIGKILL and a restart', async () => {
    const [ann, ben] = await Promise.all([node.createUser('1000', 'Ann'), node.createUser('2000', 'Ben')]);
    expect((await ann.connect(ben.address, await ben.createPassCode())).status).toBe(201);
    const received = () => node.db.message.count({ where: { direction: 'in' } });

    const sends = Promise.all(
      Array.from({ length: 300 }, (_, i) => ann.send(ben.address, `message ${i}`).catch(() => null)),
    );
    await eventually(async () => (await received()) >= 30, 30_000);
    await node.kill();
    const accepted = (await sends)
      .filter((answer) => answer?.status === 201)
      .map((answer) => answer!.body.id as string);
    expect(accepted.length).toBeGreaterThanOrEqual(30);

    await node.start();
    // A send whose answer the kill cut off may still have been stored: every outgoing row counts.
    const outgoing = () => node.db.message.count({ where: { direction: 'out' } });
    await eventually(
      async () =>
        (await node.db.message.count({ where: { direction: 'out', state: 'delivered' } })) === (await outgoing()),
      60_000,
    );
    expect(await node.db.message.count({ where: { id: { in: accepted }, state: 'delivered' } })).toBe(accepted.length);
    const texts = (await node.db.message.findMany({ where: { direction: 'in' }, select: { body: true } })).map(
      (row) => row.body,
    );
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.length).toBe(await outgoing());
  });
});
