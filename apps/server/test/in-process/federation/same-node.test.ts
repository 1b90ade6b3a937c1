import { apiPath } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { StreamReader } from '../../peer-kit/stream-reader';
import { InProcessNode } from '../kit/in-process-node';

/**
 * Two people on one node (the README's first run): connected and messaging without the node
 * calling itself over HTTP, and with the SSRF guard as in production (no private peers allowed,
 * no override pointing the domain at loopback).
 */
describe.each(DATABASE_KINDS)('users of the same node (%s)', (kind) => {
  let node: InProcessNode;
  let ann: ApiClient;
  let ben: ApiClient;
  let cat: ApiClient;

  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'home.test', { OPENMSG_ALLOW_PRIVATE_PEERS: 'false' });
    ann = await node.createUser('1000', "Ann O'Neil");
    ben = await node.createUser('2000', 'Ben-Luc Smith');
    cat = await node.createUser('3000', 'Cat & Co.');
  });
  afterAll(async () => {
    await node?.close();
  });

  it('connects two local users with a pass code: one connection on each side, the same three secrets', async () => {
    const code = await ben.createPassCode('for Ann');
    const connected = await ann.connect('2000*Home.Test.', code);
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({ address: '2000*home.test', name: 'Ben-Luc Smith', acceptsMessages: true });

    const annSide = await node.db.connection.findFirstOrThrow({ where: { account: { addressId: '1000' } } });
    const benSide = await node.db.connection.findFirstOrThrow({ where: { account: { addressId: '2000' } } });
    expect(annSide.otherAddress).toBe('2000*home.test');
    expect(benSide.otherAddress).toBe('1000*home.test');
    expect(benSide.otherName).toBe("Ann O'Neil");
    expect([annSide.authCode, annSide.identCode, annSide.messageCryptKey]).toEqual([
      benSide.authCode,
      benSide.identCode,
      benSide.messageCryptKey,
    ]);
    expect(await node.db.passCode.count()).toBe(0);
    expect(await node.db.pendingHandshake.count()).toBe(0);
    expect(node.logs()).not.toContain(code);
  });

  it('refuses a spent code and a wrong one, and counts them against the caps like any other', async () => {
    const code = await cat.createPassCode();
    expect((await ann.connect(cat.address, code)).status).toBe(201);
    const again = await ben.connect(cat.address, code);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ error: 'refused' });
    expect(await node.db.authFailure.count({ where: { targetAddressId: '3000' } })).toBe(1);
  });

  it('delivers messages both ways, live, with unread counts, search and capitals in the address', async () => {
    const controller = new AbortController();
    const response = await fetch(`${node.baseUrl}${apiPath('events')}`, {
      headers: { authorization: `Bearer ${ben.token}` },
      signal: controller.signal,
    });
    const stream = new StreamReader(response);
    void stream.pump();
    try {
      const sent = await ann.send('2000*HOME.test', 'Hello Ben, same node here');
      expect(sent.status).toBe(201);
      expect((await ann.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
      await stream.waitFor(() => stream.events.find((event) => event.event === 'message.created'));

      const benThread = await ben.thread(ann.address);
      expect(benThread.map((message) => [message.direction, message.text])).toEqual([
        ['in', 'Hello Ben, same node here'],
      ]);
      const conversations = (await ben.call('listConversations')).body.items;
      expect(conversations).toEqual([expect.objectContaining({ unreadCount: 1 })]);

      const reply = await ben.send(ann.address, 'Hi Ann!');
      expect((await ben.waitForState(reply.body.id, ['delivered', 'failed'])).state).toBe('delivered');
      expect((await ann.thread(ben.address)).map((message) => message.text)).toEqual([
        'Hi Ann!',
        'Hello Ben, same node here',
      ]);
      expect((await ann.call('searchMessages', { query: { q: 'hi ann' } })).body.items).toHaveLength(1);
      expect(node.logs()).not.toContain('Hello Ben');
    } finally {
      controller.abort();
    }
  });

  it('gives the same outcomes as across nodes: block and "no replies" answer SM_E002', async () => {
    const benSideId = await ben.contactId(ann.address);
    expect((await ben.call('updateContact', { params: { id: benSideId }, body: { blocked: true } })).status).toBe(200);
    const blocked = await ann.send(ben.address, 'are you there?');
    const failed = await ann.waitForState(blocked.body.id, ['delivered', 'failed']);
    expect(failed).toMatchObject({ state: 'failed', failureCode: 'SM_E002' });
    await ben.call('updateContact', { params: { id: benSideId }, body: { blocked: false } });

    // A no-reply sender connects to Ann with her code: Ann's side knows it accepts nothing.
    const shop = await node.createUser('4000', 'Quiet Shop', { noReplies: true });
    expect((await shop.connect(ann.address, await ann.createPassCode())).status).toBe(201);
    const news = await shop.send(ann.address, 'your order shipped');
    expect((await shop.waitForState(news.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect(
      (await ann.call('getContact', { params: { id: await ann.contactId(shop.address) } })).body.acceptsMessages,
    ).toBe(false);
    expect((await ann.send(shop.address, 'thanks')).body).toMatchObject({ error: 'no_replies' });

    // Had Ann connected with a code of the shop's, the shop's node itself refuses her messages.
    const otherShop = await node.createUser('4001', 'Other Shop', { noReplies: true });
    expect((await ann.connect(otherShop.address, await otherShop.createPassCode())).status).toBe(201);
    const refused = await ann.send(otherShop.address, 'hello?');
    expect(await ann.waitForState(refused.body.id, ['delivered', 'failed'])).toMatchObject({
      state: 'failed',
      failureCode: 'SM_E002',
    });
  });

  it('deleting the contact on one side makes the next message fail with SM_E001, like a remote node', async () => {
    const catContact = await cat.contactId(ann.address);
    expect((await cat.call('deleteContact', { params: { id: catContact } })).status).toBe(204);
    // Until their node says it no longer knows the connection, a new handshake may not replace it.
    expect((await ann.connect(cat.address, await cat.createPassCode())).body).toMatchObject({
      statusCode: 422,
      error: 'ident_conflict',
    });
    const annContact = await ann.contactId(cat.address);
    const controller = new AbortController();
    const response = await fetch(`${node.baseUrl}${apiPath('events')}`, {
      headers: { authorization: `Bearer ${ann.token}` },
      signal: controller.signal,
    });
    const stream = new StreamReader(response);
    void stream.pump();
    try {
      const sent = await ann.send(cat.address, 'still there?');
      expect(await ann.waitForState(sent.body.id, ['delivered', 'failed'])).toMatchObject({
        state: 'failed',
        failureCode: 'SM_E001',
      });
      // Ann's contact says so, live (and the inbox offers to connect again) until a new handshake.
      const changed = await stream.waitFor(() => stream.events.find((event) => event.event === 'contact.updated'));
      expect(changed.data).toMatchObject({ contact: { id: annContact, peerForgotAt: expect.any(String) } });
    } finally {
      controller.abort();
    }
    expect((await ann.call('getContact', { params: { id: annContact } })).body.peerForgotAt).toEqual(
      expect.any(String),
    );
    // Their node no longer knows the old ident code, so the new handshake may replace it.
    expect((await ann.connect(cat.address, await cat.createPassCode())).status).toBe(201);
    expect((await ann.call('getContact', { params: { id: annContact } })).body.peerForgotAt).toBeNull();
    const again = await ann.send(cat.address, 'back again');
    expect(await ann.waitForState(again.body.id, ['delivered', 'failed'])).toMatchObject({ state: 'delivered' });
  });

  it('one pass code raced by 20 connects at once from 4 local users connects exactly one', async () => {
    const host = await node.createUser('5000', 'Popular Host');
    const guests = await Promise.all(
      Array.from({ length: 4 }, (_, i) => node.createUser(String(6000 + i), `Guest ${i}`)),
    );
    const code = await host.createPassCode();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => guests[i % guests.length]!.connect(host.address, code)),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    // The others: the code was spent (422), or the same guest's connect with that address was under way (409).
    const others = answers
      .filter((answer) => answer.status !== 201)
      .map((answer) => `${answer.status} ${answer.body.error}`);
    expect(others).toHaveLength(19);
    expect(others.filter((other) => other !== '422 refused' && other !== '409 connect_in_progress')).toEqual([]);
    expect(others.filter((other) => other === '422 refused').length).toBeGreaterThanOrEqual(3);
    expect(await node.db.connection.count({ where: { account: { addressId: '5000' } } })).toBe(1);
    await eventually(async () => (await node.db.pendingHandshake.count()) === 0);
  });
  it('a forgotten connection (SM_E001) raced by 100 new handshakes at once: clear answers, and one pair of secrets that delivers', async () => {
    const dan = await node.createUser('7000', 'Dan Race');
    const eve = await node.createUser('7100', 'Eve Race');
    expect((await dan.connect(eve.address, await eve.createPassCode())).status).toBe(201);
    expect((await eve.call('deleteContact', { params: { id: await eve.contactId(dan.address) } })).status).toBe(204);
    const lost = await dan.send(eve.address, 'are you there?');
    expect(await dan.waitForState(lost.body.id, ['delivered', 'failed'])).toMatchObject({
      state: 'failed',
      failureCode: 'SM_E001',
    });

    const codes = await Promise.all(Array.from({ length: 100 }, () => eve.createPassCode()));
    const answers = await Promise.all(codes.map((code) => dan.connect(eve.address, code)));
    const statuses = answers.map((answer) => answer.status);
    // One handshake per pair at a time (one that starts after another ended may connect too): the
    // others are told one is under way, or meet the cap on handshakes per account; never a crash.
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    const others = answers.filter((one) => one.status !== 201).map((one) => `${one.status} ${one.body.error}`);
    expect(others.filter((other) => other !== '409 connect_in_progress' && other !== '429 too_many_attempts')).toEqual(
      [],
    );
    expect(others).toContain('409 connect_in_progress');

    const danSide = await node.db.connection.findMany({
      where: { account: { addressId: '7000' }, otherAddress: eve.address },
    });
    const eveSide = await node.db.connection.findMany({
      where: { account: { addressId: '7100' }, otherAddress: dan.address },
    });
    expect([danSide.length, eveSide.length]).toEqual([1, 1]);
    expect(danSide[0]?.peerForgotAt).toBeNull();
    const again = await dan.send(eve.address, 'back again');
    expect(await dan.waitForState(again.body.id, ['delivered', 'failed'])).toMatchObject({ state: 'delivered' });
  });
});
