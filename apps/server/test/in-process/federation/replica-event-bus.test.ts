import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountEvent, EventOrigin, NodeEvent } from '../../../src/events/event-bus';
import { InProcessEventBus } from '../../../src/events/in-process-event-bus';
import { EVENTS_CHANNEL, ReplicaEventBus } from '../../../src/events/replica-event-bus';
import { createTestDatabase, eventually, type TestDatabase } from '../../peer-kit/nodes';

type Heard = Array<{ event: NodeEvent; origin: EventOrigin }>;

function listen(bus: { subscribe: ReplicaEventBus['subscribe'] }): Heard {
  const heard: Heard = [];
  bus.subscribe((event, origin) => heard.push({ event, origin }));
  return heard;
}

const read = (n: number): AccountEvent => ({
  type: 'conversation.read',
  accountId: `account-${n}`,
  contactId: `contact-${n}`,
  conversationId: `conversation-${n}`,
});
const sameEvent = (a: NodeEvent) => (b: { event: NodeEvent }) => JSON.stringify(a) === JSON.stringify(b.event);

describe('the in-process event bus (SQLite: one process)', () => {
  it('hands each event to every listener once, as from this replica', () => {
    const bus = new InProcessEventBus();
    const [first, second] = [listen(bus), listen(bus)];
    bus.emit(read(1));
    bus.emit({ type: 'login.refused', reason: 'bad_credentials' });
    for (const heard of [first, second])
      expect(heard).toEqual([
        { event: read(1), origin: 'this-replica' },
        { event: { type: 'login.refused', reason: 'bad_credentials' }, origin: 'this-replica' },
      ]);
  });
});

describe('the event bus on SQLite (one process: no other replica to tell)', () => {
  it('hands events to this process only, with nothing to open or close', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const bus = new ReplicaEventBus(database.url);
      await bus.onModuleInit();
      const heard = listen(bus);
      bus.emit(read(2));
      await new Promise((resolve) => setImmediate(resolve));
      expect(heard).toEqual([{ event: read(2), origin: 'this-replica' }]);
      await bus.onApplicationShutdown();
    } finally {
      await database.drop();
    }
  });
});

/** Two buses on one database stand for two replicas (in one process here; the process tier runs real ones). */
describe('the PostgreSQL event bus: replicas on one database', () => {
  let database: TestDatabase;
  let one: ReplicaEventBus;
  let two: ReplicaEventBus;
  let heardByOne: Heard;
  let heardByTwo: Heard;
  let raw: Client;
  const payloads: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgresql');
    [one, two] = [new ReplicaEventBus(database.url), new ReplicaEventBus(database.url)];
    await Promise.all([one.onModuleInit(), two.onModuleInit()]);
    [heardByOne, heardByTwo] = [listen(one), listen(two)];
    raw = new Client({ connectionString: database.url });
    await raw.connect();
    raw.on('notification', (message) => payloads.push(message.payload ?? ''));
    await raw.query(`LISTEN ${EVENTS_CHANNEL}`);
  });
  afterEach(() => {
    heardByOne.length = 0;
    heardByTwo.length = 0;
    payloads.length = 0;
  });
  afterAll(async () => {
    await raw?.end();
    await Promise.all([one?.onApplicationShutdown(), two?.onApplicationShutdown()]);
    await database?.drop();
  });

  /** Sent through `two` after everything before it: once `one` has it, any echo of earlier events would have arrived (notifications come in commit order). */
  async function settle(): Promise<void> {
    const marker = read(Math.floor(Math.random() * 1e9));
    two.emit(marker);
    await eventually(async () => heardByOne.some(sameEvent(marker)));
  }

  it('each replica hears an account event once: the one where it happened at once, the other through PostgreSQL', async () => {
    one.emit(read(1));
    expect(heardByOne).toEqual([{ event: read(1), origin: 'this-replica' }]); // synchronously, before any round trip
    await eventually(async () => heardByTwo.some(sameEvent(read(1))));
    await settle();
    expect(heardByOne.filter(sameEvent(read(1)))).toEqual([{ event: read(1), origin: 'this-replica' }]);
    expect(heardByTwo.filter(sameEvent(read(1)))).toEqual([{ event: read(1), origin: 'other-replica' }]);
  });

  it('keeps process events (metrics) in their process', async () => {
    one.emit({ type: 'handshake', direction: 'in', outcome: 'connected' });
    await settle();
    expect(heardByOne.map((h) => h.event.type)).toContain('handshake');
    expect(heardByTwo.map((h) => h.event.type)).not.toContain('handshake');
    expect(payloads.join('')).not.toContain('handshake');
  });

  it('a burst of 400 events in one moment: few notifications, each under 8000 bytes, every event once and in order', async () => {
    const burst = Array.from({ length: 400 }, (_, i) => read(1000 + i));
    for (const event of burst) one.emit(event);
    await eventually(async () => heardByTwo.filter((h) => h.event.type === 'conversation.read').length >= burst.length);
    expect(heardByTwo.map((h) => h.event)).toEqual(burst);
    const sent = payloads.map((payload) => JSON.parse(payload) as AccountEvent[]);
    expect(sent.flat()).toEqual(burst);
    expect(sent.length).toBeGreaterThan(1); // 400 events do not fit one notification...
    expect(sent.length).toBeLessThan(20); // ...but go out a few dozen at a time, not one by one
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
  });

  it('ignores a notification it cannot read, and what is not an account event', async () => {
    await raw.query(`SELECT pg_notify($1, $2)`, [EVENTS_CHANNEL, 'not json']);
    await raw.query(`SELECT pg_notify($1, $2)`, [
      EVENTS_CHANNEL,
      JSON.stringify([{ type: 'streams.resync' }, { type: 'message.created', accountId: 7 }, read(2)]),
    ]);
    await eventually(async () => heardByOne.some(sameEvent(read(2))));
    expect(heardByOne.map((h) => h.event)).toEqual([read(2)]);
  });

  it('a replica whose connection was killed reconnects, tells its streams to resync, and hears later events', async () => {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      const name = new URL(database.url).pathname.slice(1);
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = $2`,
        [name, `openmsg-events ${process.pid}`],
      );
      expect(killed.rowCount).toBe(2); // both buses' connections
      for (const heard of [heardByOne, heardByTwo])
        await eventually(async () => heard.some((h) => h.event.type === 'streams.resync'));
      one.emit(read(3));
      await eventually(async () => heardByTwo.some(sameEvent(read(3))));
      expect(heardByTwo.filter((h) => h.event.type === 'streams.resync')).toEqual([
        { event: { type: 'streams.resync' }, origin: 'this-replica' },
      ]);
    } finally {
      await admin.end();
    }
  });
});
