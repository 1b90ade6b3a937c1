import { OpenmsgClient, type OpenmsgError, type StreamEvent, type StreamStatus } from '@openmsg/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/events/event-bus';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';

const PASSWORD = 'correct horse battery';

/** What one EventStream told its handlers, in order. */
function recorder() {
  const seen = {
    events: [] as StreamEvent[],
    statuses: [] as StreamStatus[],
    resyncs: 0,
    errors: [] as OpenmsgError[],
  };
  const handlers = {
    onEvent: (event: StreamEvent) => void seen.events.push(event),
    onStatus: (status: StreamStatus) => void seen.statuses.push(status),
    onResync: () => void seen.resyncs++,
    onError: (error: OpenmsgError) => void seen.errors.push(error),
  };
  return { seen, handlers };
}

/** The live event stream of @openmsg/client against real nodes: events, the stream cut by the node, reconnect and resync. */
describe.each(DATABASE_KINDS)('@openmsg/client event stream (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let ann: OpenmsgClient;
  let bob: OpenmsgClient;
  let bobToken: string;

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind));
    ann = new OpenmsgClient({ baseUrl: a.baseUrl });
    await ann.api.register({ body: { displayName: 'Ann Smith', password: PASSWORD, addressId: '10' } });
    const bobSession = new OpenmsgClient({ baseUrl: b.baseUrl });
    await bobSession.api.register({ body: { displayName: 'Bob Jones', password: PASSWORD, addressId: '20' } });
    bobToken = (await bobSession.api.createToken({ body: { name: 'events' } })).token;
    bob = new OpenmsgClient({ baseUrl: b.baseUrl, token: bobToken });
    const { code } = await bob.api.createPassCode({ body: {} });
    await ann.api.connect({ body: { address: '20*b.test', passCode: code } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('delivers message.created, and after the node cut the stream reconnects and signals resync', async () => {
    const bobs = recorder();
    const stream = bob.events(bobs.handlers, { retryMs: 50 });
    try {
      await eventually(async () => stream.status === 'live');
      expect(bobs.seen.statuses).toEqual(['live']);

      await ann.api.sendMessage({ body: { to: '20*b.test', text: 'first, live' } });
      const created = await eventually(async () => bobs.seen.events.find((event) => event.type === 'message.created'));
      expect(created).toMatchObject({
        type: 'message.created',
        message: { direction: 'in', text: 'first, live', otherAddress: '10*a.test', state: 'received' },
      });
      expect(bobs.seen.resyncs).toBe(0);

      // The node ends every stream when events may have been missed (its PostgreSQL event connection came back).
      b.app.get(EventBus).emit({ type: 'streams.resync' });
      await eventually(async () => bobs.seen.resyncs === 1);
      expect(bobs.seen.statuses).toEqual(['live', 'reconnecting', 'live']);
      expect(stream.status).toBe('live');

      await ann.api.sendMessage({ body: { to: '20*b.test', text: 'second, after the reconnect' } });
      const second = await eventually(async () =>
        bobs.seen.events.find(
          (event) => event.type === 'message.created' && event.message.text === 'second, after the reconnect',
        ),
      );
      expect(second).toMatchObject({ message: { direction: 'in' } });
      expect(bobs.seen.errors).toEqual([]);
    } finally {
      stream.close();
      await stream.closed;
    }
    expect(stream.status).toBe('closed');
  });

  it('gives the sender the delivery states of its message, on a cookie session', async () => {
    const anns = recorder();
    const stream = ann.events(anns.handlers, { retryMs: 50 });
    try {
      await eventually(async () => stream.status === 'live');
      const sent = await ann.api.sendMessage({ body: { to: '20*b.test', text: 'is it delivered?' } });
      const delivered = await eventually(async () =>
        anns.seen.events.find(
          (event) =>
            event.type === 'message.updated' && event.message.id === sent.id && event.message.state === 'delivered',
        ),
      );
      expect(delivered).toMatchObject({ message: { direction: 'out', text: 'is it delivered?' } });
    } finally {
      stream.close();
      await stream.closed;
    }
  });

  it('stops for good with unauthenticated when the token is revoked, and does not retry', async () => {
    const bobSession = new OpenmsgClient({ baseUrl: b.baseUrl });
    await bobSession.signIn('20', PASSWORD);
    const { id, token } = await bobSession.api.createToken({ body: { name: 'to revoke' } });
    const revoked = recorder();
    const stream = new OpenmsgClient({ baseUrl: b.baseUrl, token }).events(revoked.handlers, { retryMs: 50 });
    await eventually(async () => stream.status === 'live');
    await bobSession.api.revokeToken({ params: { id } });
    // The open stream lives on until it is cut; the next attempt is refused.
    b.app.get(EventBus).emit({ type: 'streams.resync' });
    await stream.closed;
    expect(stream.status).toBe('closed');
    expect(revoked.seen.errors.map((error) => [error.code, error.status])).toEqual([['unauthenticated', 401]]);
    expect(revoked.seen.statuses).toEqual(['live', 'reconnecting', 'closed']);
    expect(revoked.seen.resyncs).toBe(0);
  });
});
