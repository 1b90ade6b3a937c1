import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually, freePort } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { InProcessNode } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';
const BURST = 100;

/**
 * POST /api/v1/messages with a `clientId` (the web inbox's outbox): the same account sending the same clientId
 * again, however many times and however concurrently, gets the one message already made; the receiver gets it
 * once. The id sent again with another text or recipient is refused (409 client_id_reused), never silently
 * answered with the earlier message.
 */
describe.each(DATABASE_KINDS)('sending once with a clientId: %s', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let ann: SessionClient;
  let amy: SessionClient;
  let bob: SessionClient;
  let annOnB: { id: string; conversationId: string };

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([
      InProcessNode.start(kind, 'a.test', { OPENMSG_PEER_OVERRIDES: `b.test=http://127.0.0.1:${portB}` }, portA),
      InProcessNode.start(kind, 'b.test', { OPENMSG_PEER_OVERRIDES: `a.test=http://127.0.0.1:${portA}` }, portB),
    ]);
    ann = a.session();
    amy = a.session();
    bob = b.session();
    await ann.register('Ann Smith', PASSWORD, { addressId: '10' });
    await amy.register('Amy Lee', PASSWORD, { addressId: '11' });
    await bob.register('Bob Jones', PASSWORD, { addressId: '20' });
    for (const sender of [ann, amy]) {
      const code = (await bob.call('createPassCode', { body: {} })).body.code;
      await sender.call('connect', { body: { address: '20*b.test', passCode: code } });
    }
    annOnB = (await bob.call('listContacts')).body.items.find((contact) => contact.address === '10*a.test')!;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it(`${BURST} simultaneous sends with one clientId: one message, one delivery, every answer that message`, async () => {
    const clientId = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: BURST }, () =>
        ann.call('sendMessage', { body: { to: '20*b.test', text: 'written offline', clientId } }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(BURST).fill(201));
    const ids = new Set(answers.map((answer) => answer.body.id));
    expect(ids.size).toBe(1);
    expect(answers[0]!.body).toMatchObject({ text: 'written offline', clientId, direction: 'out' });
    expect(await a.db.message.count({ where: { clientId } })).toBe(1);

    const [id] = [...ids];
    await eventually(async () => (await ann.call('getMessage', { params: { id: id! } })).body.state === 'delivered');
    // Sent again after delivery (an answer lost on the way back): still that message, not another.
    const again = await ann.call('sendMessage', { body: { to: '20*b.test', text: 'written offline', clientId } });
    expect({ status: again.status, id: again.body.id, state: again.body.state }).toEqual({
      status: 201,
      id,
      state: 'delivered',
    });
    const received = await b.db.message.findMany({ where: { connectionId: annOnB.id } });
    expect(received.filter((row) => row.direction === 'in')).toHaveLength(1);
    // One attempt made: no second delivery was started for the repeated sends.
    expect((await a.db.message.findUniqueOrThrow({ where: { id: id! } })).attempts).toBe(1);
  });

  it('the clientId sent again with another text or recipient is refused with client_id_reused, nothing written', async () => {
    const clientId = randomUUID();
    const first = await ann.call('sendMessage', { body: { to: '20*b.test', text: 'first', clientId } });
    expect(first.status).toBe(201);
    const before = await a.db.message.count();
    const otherText = await ann.callUntyped('sendMessage', { body: { to: '20*b.test', text: 'second', clientId } });
    expect({ status: otherText.status, error: (otherText.body as { error?: string }).error }).toEqual({
      status: 409,
      error: 'client_id_reused',
    });
    expect(await a.db.message.count()).toBe(before);
  });

  it('a clientId is the account’s own: another account using the same one makes its own message', async () => {
    const clientId = randomUUID();
    const [fromAnn, fromAmy] = await Promise.all([
      ann.call('sendMessage', { body: { to: '20*b.test', text: 'same id', clientId } }),
      amy.call('sendMessage', { body: { to: '20*b.test', text: 'same id', clientId } }),
    ]);
    expect([fromAnn.status, fromAmy.status]).toEqual([201, 201]);
    expect(fromAnn.body.id).not.toBe(fromAmy.body.id);
  });

  it('sends without a clientId are not limited, and their view says clientId null', async () => {
    const [one, two] = await Promise.all([
      ann.call('sendMessage', { body: { to: '20*b.test', text: 'plain' } }),
      ann.call('sendMessage', { body: { to: '20*b.test', text: 'plain' } }),
    ]);
    expect(one.body.id).not.toBe(two.body.id);
    expect([one.body.clientId, two.body.clientId]).toEqual([null, null]);
  });

  it('a clientId that is not a UUID is a validation error', async () => {
    const answer = await ann.callUntyped('sendMessage', { body: { to: '20*b.test', text: 'x', clientId: 'abc' } });
    expect(answer.status).toBe(400);
  });
});
