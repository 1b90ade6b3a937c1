import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { createTestDatabase, DATABASE_KINDS, eventually, freePort, TestNode } from '../../peer-kit/nodes';
import { pairForSuite } from '../../peer-kit/suite-nodes';
import { StandInNode } from '../../peer-kit/stand-in-node';

/**
 * A handshake whose callback fails does not cost the pass code (docs/PROTOCOL.md "A failed callback
 * does not spend the pass code"), the initiator's user learns whose side failed, and a code raced
 * by many handshakes at once still connects exactly one.
 */
describe.each(DATABASE_KINDS)('failed handshakes (%s)', (kind) => {
  let a: TestNode;
  let b: TestNode;
  let stranger: StandInNode;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    stranger = await new StandInNode('stranger.test').start();
    const [portA, portB, closed] = [await freePort(), await freePort(), await freePort()];
    // a reaches b; b reaches a only once `reachable` is switched on (below, by restarting b).
    a = new TestNode('a.test', portA, await createTestDatabase(kind), {
      OPENMSG_PEER_OVERRIDES: `b.test=http://127.0.0.1:${portB}`,
    });
    b = new TestNode('b.test', portB, await createTestDatabase(kind), {
      OPENMSG_PEER_OVERRIDES: `a.test=http://127.0.0.1:${closed},stranger.test=${stranger.baseUrl}`,
    });
    await Promise.all([a.start(), b.start()]);
    stranger.peerUrls['b.test'] = b.baseUrl;
    alice = await a.createUser('100', 'Alice');
    bob = await b.createUser('200', 'Bob');
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await stranger?.stop();
  });

  it("keeps the code when the receiver cannot reach the initiator's node, and says so to the initiator", async () => {
    const code = await bob.createPassCode('for Alice');
    const answer = await alice.connect(bob.address, code);
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ error: 'callback_failed' });
    expect(answer.body.message).toContain('could not reach yours');
    expect(answer.body.message).toContain('still valid');
    expect(answer.body.message).not.toMatch(/SM_E|ECONNREFUSED|ENOTFOUND/);
    expect(answer.body.detail).toContain('b.test');
    expect(await b.db.passCode.count()).toBe(1);
    expect(await b.db.connection.count()).toBe(0);
    // Log lines reach the test through the processes' stdout pipes, possibly after the answer.
    await eventually(
      async () => b.logs().includes('"reason":"callback_connect"') && a.logs().includes('"reason":"callback_failed"'),
    );
    expect(b.logs()).not.toContain(code);
  });

  it('keeps the code when the initiator refuses the callback (a forged /auth), and counts no failure', async () => {
    const code = await bob.createPassCode();
    // The stand-in never started a handshake for this code, so its auth-confirm answers an error.
    const forged = await fetch(`${b.baseUrl}/openmsg/auth/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        receiving_openmsg_address_id: '200',
        pass_code: code,
        sending_openmsg_address: '9*Stranger.Test',
        sending_openmsg_address_name: 'Forger',
        sending_allow_replies: true,
      }),
    }).then((response) => response.json() as Promise<{ error?: boolean; error_message: string }>);
    expect(forged).toMatchObject({ error: true });
    expect(forged.error_message).toContain('still valid');
    expect(stranger.received.find((call) => call.path === '/openmsg/auth-confirm')?.body).toMatchObject({
      receiving_openmsg_address: '200*b.test',
    });
    const codes = await b.db.passCode.count();
    expect(codes).toBe(2);
    expect(await b.db.authFailure.count()).toBe(0);

    // The same code then works for the person it was meant for.
    const good = await stranger.handshake(b.baseUrl, bob.address, code, { id: '7', name: 'Real Stranger' });
    expect(good.json).toMatchObject({ success: true });
    expect(await b.db.passCode.count()).toBe(codes - 1);
  });

  it('a code raced by 30 handshakes at once connects exactly one of them', async () => {
    const code = await bob.createPassCode();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => stranger.handshake(b.baseUrl, bob.address, code, { id: String(1000 + i) })),
    );
    expect(answers.filter((answer) => answer.json?.success === true)).toHaveLength(1);
    expect(answers.filter((answer) => answer.json?.error === true)).toHaveLength(29);
    expect(
      await b.db.connection.count({
        where: { otherAddress: { startsWith: '1' }, NOT: { otherAddress: '100*a.test' } },
      }),
    ).toBe(1);
  });
});

/** Addresses as people type them: the domain part in any case, with or without a trailing dot. */
describe.each(DATABASE_KINDS)('addresses with capitals (%s)', (kind) => {
  let a: TestNode;
  let b: TestNode;
  let reference: StandInNode;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    reference = await new StandInNode('ref.test').start();
    const [portA, portB] = [await freePort(), await freePort()];
    const overrides = `a.test=http://127.0.0.1:${portA},b.test=http://127.0.0.1:${portB},ref.test=${reference.baseUrl}`;
    a = new TestNode('a.test', portA, await createTestDatabase(kind), { OPENMSG_PEER_OVERRIDES: overrides });
    b = new TestNode('B.Test', portB, await createTestDatabase(kind), { OPENMSG_PEER_OVERRIDES: overrides });
    await Promise.all([a.start(), b.start()]);
    reference.peerUrls['a.test'] = a.baseUrl;
    alice = await a.createUser('100', 'Alice');
    bob = await b.createUser('200', 'Bob');
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
    await reference?.stop();
  });

  it('connects to 200*B.Test. and messages both ways with other spellings', async () => {
    expect(bob.address).toBe('200*b.test');
    const connected = await alice.connect('200*B.Test.', await bob.createPassCode());
    expect(connected.status).toBe(201);
    expect(connected.body.address).toBe('200*b.test');

    const sent = await alice.send('200*B.TEST', 'capitals are fine');
    expect(sent.status).toBe(201);
    expect((await alice.waitForState(sent.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    const reply = await bob.send('100*A.Test', 'so they are');
    expect((await bob.waitForState(reply.body.id, ['delivered', 'failed'])).state).toBe('delivered');
    expect((await alice.thread('200*b.test')).map((message) => message.text)).toEqual([
      'so they are',
      'capitals are fine',
    ]);
    expect(await a.db.connection.count()).toBe(1);
    expect(await b.db.connection.count()).toBe(1);
  });

  it('connects to a reference-like node typed 5*REF.Test and sends to 5*ref.test.', async () => {
    const connected = await alice.connect('5*REF.Test', '123456');
    expect(connected.status).toBe(201);
    expect(connected.body.address).toBe('5*ref.test');
    const sent = await alice.send('5*ref.test.', 'hello reference');
    expect(sent.status).toBe(201);
    await expect
      .poll(() => reference.received.filter((call) => call.path === '/openmsg/message-receive').length)
      .toBeGreaterThan(0);
  });

  it('refuses a Unicode domain it cannot convert, and converts one it can', async () => {
    expect((await alice.connect('5*bü cher.test', '123456')).body).toMatchObject({
      error: 'validation_failed',
      fields: ['address'],
    });
    const answer = await alice.connect('5*Bücher.test', '123456');
    expect(answer.status).toBe(502);
    expect(answer.body.message).toContain('xn--bcher-kva.test');
  });

  it('accepts message-receive without a sending_openmsg_address_name key at all', async () => {
    const handshake = await reference.handshake(a.baseUrl, alice.address, await alice.createPassCode(), { id: '6' });
    const secrets = {
      authCode: handshake.json.auth_code,
      identCode: handshake.json.ident_code,
      messageCryptKey: handshake.json.message_crypt_key,
    };
    const { sending_openmsg_address_name: _omitted, ...body } = reference.message('100', secrets, 'no name key');
    const answer = await fetch(`${a.baseUrl}/openmsg/message-receive/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(await answer.json()).toMatchObject({ success: true, response_code: 'SM_S888' });
  });
});

/**
 * Refused connects are capped per user (10 an hour): a receiving node caps failed /auth calls per
 * source, and for it all users of this node are one source.
 */
describe.each(DATABASE_KINDS)('refused connects per user (%s)', (kind) => {
  const nodes = pairForSuite(kind);

  it('lets one user spend at most 10 refused codes an hour, burst or not, and leaves other users alone', async () => {
    const { a, b } = nodes;
    const [mallory, carol, dave] = await Promise.all([
      a.createUser('66', 'Mallory'),
      a.createUser('77', 'Carol'),
      b.createUser('88', 'Dave'),
    ]);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => mallory.connect(`${900 + i}*b.test`, '000000')),
    );
    expect(answers.filter((answer) => answer.status === 422)).toHaveLength(10);
    const capped = answers.filter((answer) => answer.status === 429);
    expect(capped).toHaveLength(90);
    expect(capped[0]!.body).toMatchObject({ error: 'too_many_attempts' });
    // Only the 10 reached node b and count against this node there.
    expect(await b.db.authFailure.count()).toBe(10);
    expect((await mallory.connect('88*b.test', await dave.createPassCode())).status).toBe(429);

    expect((await carol.connect('88*b.test', await dave.createPassCode())).status).toBe(201);
  });
});
