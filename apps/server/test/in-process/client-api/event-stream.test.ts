import { apiPath } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';
import { StreamReader } from '../../peer-kit/stream-reader';

const PASSWORD = 'correct horse battery';

describe.each(DATABASE_KINDS)('real-time event stream (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let ann: SessionClient;
  let bob: SessionClient;

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind, { b: { OPENMSG_SSE_HEARTBEAT_MS: '200' } }));
    ann = a.session();
    bob = b.session();
    await ann.register('Ann Smith', PASSWORD, { addressId: '10' });
    await bob.register('Bob Jones', PASSWORD, { addressId: '20' });
    const code = (await bob.call('createPassCode', { body: {} })).body.code;
    expect((await ann.call('connect', { body: { address: '20*b.test', passCode: code } })).status).toBe(201);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('pushes a message that arrived over federation to every tab of the receiver, and its delivery to the sender, with heartbeats', async () => {
    const controller = new AbortController();
    const open = (client: SessionClient, node: InProcessNode) =>
      fetch(`${node.baseUrl}${apiPath('events')}`, {
        headers: { cookie: client.cookieHeader() },
        signal: controller.signal,
      });
    const [bobResponse, bobSecondTab, annResponse] = await Promise.all([open(bob, b), open(bob, b), open(ann, a)]);
    expect(bobResponse.status).toBe(200);
    expect(bobResponse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const bobStream = new StreamReader(bobResponse);
    const annStream = new StreamReader(annResponse);
    const bobSecondStream = new StreamReader(bobSecondTab);
    void bobStream.pump();
    void annStream.pump();
    void bobSecondStream.pump();
    try {
      const sent = await ann.call('sendMessage', { body: { to: '20*b.test', text: 'live from A' } });
      const created = await bobStream.waitFor(() => bobStream.events.find((e) => e.event === 'message.created'));
      expect(created.data).toMatchObject({
        type: 'message.created',
        message: { direction: 'in', text: 'live from A', otherAddress: '10*a.test', state: 'received' },
      });
      const inSecondTab = await bobSecondStream.waitFor(() =>
        bobSecondStream.events.find((e) => e.event === 'message.created'),
      );
      expect(inSecondTab.data).toEqual(created.data);
      const delivered = await annStream.waitFor(() =>
        annStream.events.find((e) => e.event === 'message.updated' && e.data.message.state === 'delivered'),
      );
      expect(delivered.data.message.id).toBe(sent.body.id);

      const { contactId, conversationId } = created.data.message;
      await bob.call('markConversationRead', { params: { conversationId } });
      await bobStream.waitFor(() =>
        bobStream.events.find(
          (e) =>
            e.event === 'conversation.read' &&
            e.data.conversationId === conversationId &&
            e.data.contactId === contactId,
        ),
      );
      await bobStream.waitFor(() => (bobStream.comments >= 2 ? true : undefined));
      // Ann's stream carries only Ann's events.
      expect(annStream.events.some((e) => e.event === 'message.created' || e.event === 'conversation.read')).toBe(
        false,
      );
    } finally {
      controller.abort();
    }
  });

  it('refuses a stream without a session', async () => {
    expect((await fetch(`${b.baseUrl}${apiPath('events')}`)).status).toBe(401);
  });
});
