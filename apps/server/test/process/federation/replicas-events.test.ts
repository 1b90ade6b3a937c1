import { apiRoutes, routeUrl } from '@openmsg/core';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../peer-kit/api-client';
import { createTestDatabase, eventually, freePort, TestNode } from '../../peer-kit/nodes';
import { disposeReplicas, startReplicas } from '../../peer-kit/replicas';
import { StreamReader } from '../../peer-kit/stream-reader';

const POSTGRES_URL = process.env.OPENMSG_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** What the issue asks of a change made through another replica. */
const WITHIN_A_SECOND = 1_000;

/** A signed-in user's event stream on one replica, read as it arrives; `ended` once the node closed it. */
class OpenStream {
  readonly reader: StreamReader;
  ended = false;

  private constructor(
    response: Response,
    private readonly controller: AbortController,
  ) {
    this.reader = new StreamReader(response);
    void this.reader.pump().then(() => (this.ended = true));
  }

  static async open(client: ApiClient): Promise<OpenStream> {
    const controller = new AbortController();
    const response = await fetch(`${client.baseUrl}${routeUrl(apiRoutes.events)}`, {
      headers: { authorization: `Bearer ${client.token}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    return new OpenStream(response, controller);
  }

  close(): void {
    this.controller.abort();
  }

  count(event: string, matches: (data: any) => boolean): number {
    return this.reader.events.filter((e) => e.event === event && matches(e.data)).length;
  }

  /** Within `timeoutMs` (the existing `eventually`), an event of this type matching `matches`. */
  async receives(event: string, matches: (data: any) => boolean, timeoutMs = WITHIN_A_SECOND): Promise<any> {
    const found = await eventually(
      async () => this.reader.events.find((e) => e.event === event && matches(e.data)),
      timeoutMs,
    );
    return found.data;
  }
}

/**
 * Two replicas of a.test (two processes on one PostgreSQL database, each on its own port) and a
 * peer, b.test, that reaches a.test at replica 1 (as a load balancer would send it there). A
 * stream open on replica 2 must hear what happens on replica 1.
 */
describe('replicas on one PostgreSQL: a stream on one replica hears what happens on another', () => {
  let replica1: TestNode;
  let replica2: TestNode;
  let peer: TestNode;
  let aliceOn1: ApiClient;
  let aliceOn2: ApiClient;
  let bob: ApiClient;
  let streamOn1: OpenStream;
  let streamOn2: OpenStream;

  beforeAll(async () => {
    const peerPort = await freePort();
    [replica1, replica2] = (await startReplicas('postgresql', 'a.test', 2, {
      OPENMSG_PEER_OVERRIDES: `b.test=http://127.0.0.1:${peerPort}`,
    })) as [TestNode, TestNode];
    peer = await new TestNode('b.test', peerPort, await createTestDatabase('postgresql'), {
      OPENMSG_PEER_OVERRIDES: `a.test=${replica1.baseUrl}`,
    }).start();
    aliceOn1 = await replica1.createUser('100', 'Alice');
    aliceOn2 = new ApiClient(replica2.baseUrl, aliceOn1.token, aliceOn1.address);
    bob = await peer.createUser('200', 'Bob');
    const connected = await aliceOn1.connect(bob.address, await bob.createPassCode());
    expect(connected.status).toBe(201);
    [streamOn1, streamOn2] = await Promise.all([OpenStream.open(aliceOn1), OpenStream.open(aliceOn2)]);
  });
  afterAll(async () => {
    streamOn1?.close();
    streamOn2?.close();
    await Promise.all([disposeReplicas([replica1, replica2]), peer?.dispose()]);
  });

  it('carries a message delivered to replica 1, the delivered state of one sent through it, and its read mark, to replica 2 within a second, each once', async () => {
    // (a) Bob's node delivers to replica 1.
    const fromBob = await bob.send(aliceOn1.address, 'hello replicas');
    expect(fromBob.status).toBe(201);
    await bob.waitForState(fromBob.body.id, ['delivered']);
    const created = await streamOn2.receives('message.created', (data) => data.message.text === 'hello replicas');
    expect(created.message).toMatchObject({ direction: 'in', otherAddress: bob.address, state: 'received' });

    // (b) Sent through replica 1, delivered by its worker.
    const toBob = await aliceOn1.send(bob.address, 'sent through replica 1');
    expect(toBob.status).toBe(201);
    await aliceOn1.waitForState(toBob.body.id, ['delivered']);
    await streamOn2.receives(
      'message.updated',
      (data) => data.message.id === toBob.body.id && data.message.state === 'delivered',
    );

    // (c) Read through replica 1.
    const { conversationId, contactId } = created.message;
    const read = await aliceOn1.call('markConversationRead', { params: { conversationId } });
    expect(read.status).toBe(200);
    await streamOn2.receives(
      'conversation.read',
      (data) => data.conversationId === conversationId && data.contactId === contactId,
    );

    // Once per replica: a change made through replica 2 reaches replica 1 after any echo of the ones
    // before it would have (PostgreSQL hands notifications over in commit order).
    const renamed = await aliceOn2.call('updateContact', { params: { id: contactId }, body: { localName: 'Bobby' } });
    expect(renamed.status).toBe(200);
    for (const stream of [streamOn1, streamOn2])
      await stream.receives(
        'contact.updated',
        (data) => data.contact.id === contactId && data.contact.localName === 'Bobby',
      );
    for (const stream of [streamOn1, streamOn2]) {
      expect(stream.count('message.created', (data) => data.message.id === created.message.id)).toBe(1);
      expect(
        stream.count(
          'message.updated',
          (data) => data.message.id === toBob.body.id && data.message.state === 'delivered',
        ),
      ).toBe(1);
      expect(stream.count('conversation.read', (data) => data.conversationId === conversationId)).toBe(1);
      expect(stream.count('contact.updated', (data) => data.contact.localName === 'Bobby')).toBe(1);
    }
  });

  it('replica 2 reconnects after its LISTEN connection is killed, tells its streams to resync, and hears later events', async () => {
    const applicationName = `openmsg-events ${replica2.pid}`;
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      const listenerPid = async () =>
        (
          await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
            applicationName,
          ])
        ).rows[0]?.pid;
      const before = await listenerPid();
      expect(before).toBeDefined();
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      expect(killed.rowCount).toBe(1);

      // The resync signal the inbox knows: its stream ends, and the browser reconnects and reloads.
      await eventually(async () => streamOn2.ended);
      expect(streamOn1.ended).toBe(false);
      const after = await eventually(async () => {
        const pid = await listenerPid();
        return pid !== undefined && pid !== before ? pid : undefined;
      });
      expect(after).not.toBe(before);

      const reopened = await OpenStream.open(aliceOn2);
      try {
        const later = await bob.send(aliceOn1.address, 'after the reconnect');
        await bob.waitForState(later.body.id, ['delivered']);
        await reopened.receives('message.created', (data) => data.message.text === 'after the reconnect');
      } finally {
        reopened.close();
      }
    } finally {
      await admin.end();
    }
  });
});
