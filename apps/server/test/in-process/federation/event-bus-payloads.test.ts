import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus, type NodeEvent } from '../../../src/events/event-bus';
import { EVENTS_CHANNEL } from '../../../src/events/replica-event-bus';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';

const TEXT = 'the zebra crossed at midnight';
const ID_FIELDS = new Set(['type', 'accountId', 'messageId', 'contactId', 'conversationId', 'state']);

describe.each(DATABASE_KINDS)('internal events carry ids only (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let alice: ApiClient;
  let bob: ApiClient;
  /** What each node's bus hands its listeners, from that process. */
  const heard = new Map<InProcessNode, NodeEvent[]>();
  /** PostgreSQL: what each node sent other replicas, as a plain LISTEN on its database sees it. */
  const payloads = new Map<InProcessNode, string[]>();
  const listeners: Client[] = [];

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind));
    for (const node of [a, b]) {
      const events: NodeEvent[] = [];
      heard.set(node, events);
      node.app.get(EventBus).subscribe((event, origin) => {
        if (origin === 'this-replica') events.push(event);
      });
      if (kind === 'postgresql') {
        const texts: string[] = [];
        payloads.set(node, texts);
        const listener = new Client({ connectionString: node.testDatabase.url });
        listeners.push(listener);
        await listener.connect();
        listener.on('notification', (message) => texts.push(message.payload ?? ''));
        await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
      }
    }
    alice = await a.createUser('100', 'Alice');
    bob = await b.createUser('200', 'Bob');
  });
  afterAll(async () => {
    await Promise.all(listeners.map((listener) => listener.end()));
    await a?.close();
    await b?.close();
  });

  it('every kind of account event: types, ids and states, never text or secrets; on PostgreSQL the same events go out in notifications under 8000 bytes', async () => {
    const passCode = await bob.createPassCode();
    expect((await alice.connect(bob.address, passCode)).status).toBe(201);
    const sent = await alice.send(bob.address, TEXT);
    await alice.waitForState(sent.body.id, ['delivered']);
    const [received] = await bob.thread(alice.address);
    const contactId = await bob.contactId(alice.address);
    const conversationId = await bob.conversationId(alice.address);
    expect((await bob.call('markConversationRead', { params: { conversationId } })).status).toBe(200);
    expect((await bob.call('updateContact', { params: { id: contactId }, body: { localName: 'Al' } })).status).toBe(
      200,
    );
    expect((await bob.call('deleteMessage', { params: { id: received!.id } })).status).toBe(204);
    const connectionSecrets = await b.db.connection.findFirstOrThrow({ where: { id: contactId } });
    expect((await bob.call('deleteContact', { params: { id: contactId } })).status).toBe(204);
    await eventually(async () => heard.get(b)?.some((event) => event.type === 'contact.deleted'));

    const accountEventsOf = (node: InProcessNode) => (heard.get(node) ?? []).filter((event) => 'accountId' in event);
    const accountEvents = [...accountEventsOf(a), ...accountEventsOf(b)];
    expect(new Set(accountEvents.map((event) => event.type))).toEqual(
      new Set([
        'message.created',
        'message.updated',
        'message.deleted',
        'conversation.read',
        'contact.updated',
        'contact.deleted',
      ]),
    );
    for (const event of accountEvents) {
      for (const [field, value] of Object.entries(event)) {
        expect(ID_FIELDS.has(field), `${event.type}.${field}`).toBe(true);
        expect(value === null || typeof value === 'string').toBe(true);
      }
    }
    const secrets = [
      TEXT,
      'zebra',
      passCode,
      connectionSecrets.authCode,
      connectionSecrets.identCode,
      connectionSecrets.messageCryptKey,
    ];
    const heardText = JSON.stringify([...heard.values()]);
    for (const secret of secrets) expect(heardText).not.toContain(secret);

    if (kind === 'postgresql') {
      for (const node of [a, b]) {
        const texts = payloads.get(node) ?? [];
        // Every account event of the node goes out, in order, and nothing else (handshakes and sign-ins stay in the process).
        const sentOut = await eventually(async () => {
          const events = texts.flatMap((payload) => JSON.parse(payload) as NodeEvent[]);
          return events.length >= accountEventsOf(node).length ? events : undefined;
        });
        expect(sentOut).toEqual(accountEventsOf(node));
        for (const payload of texts) {
          expect(Buffer.byteLength(payload)).toBeLessThan(8000);
          for (const secret of secrets) expect(payload).not.toContain(secret);
        }
      }
    }
  });
});
