import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS, startPair, type TestNode } from '../../peer-kit/nodes';

describe.each(DATABASE_KINDS)('handshake between two nodes (%s)', (kind) => {
  let a: TestNode;
  let b: TestNode;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    ({ a, b } = await startPair(kind));
    alice = await a.createUser('100', 'Alice Smith');
    bob = await b.createUser('200', 'Bob Jones');
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
  });

  it('connects with a pass code and leaves the same secrets on both nodes', async () => {
    const code = await bob.createPassCode('for Alice');
    const connected = await alice.connect(bob.address, code);
    expect(connected.status).toBe(201);
    expect(connected.body).toMatchObject({ address: '200*b.test', name: 'Bob Jones', acceptsMessages: true });

    const onA = await a.db.connection.findFirstOrThrow({ where: { otherAddress: '200*b.test' } });
    const onB = await b.db.connection.findFirstOrThrow({ where: { otherAddress: '100*a.test' } });
    expect(onA.authCode).toMatch(/^[0-9a-f]{64}$/);
    expect([onA.authCode, onA.identCode, onA.messageCryptKey]).toEqual([
      onB.authCode,
      onB.identCode,
      onB.messageCryptKey,
    ]);
    expect(onB.otherName).toBe('Alice Smith');
    expect(onB.otherAcceptsMessages).toBe(true);
    // the code is spent and the pending handshake gone
    expect(await b.db.passCode.count()).toBe(0);
    expect(await a.db.pendingHandshake.count()).toBe(0);
  });

  it('keeps the ident_code on a new handshake and replaces auth code and key', async () => {
    const before = await b.db.connection.findFirstOrThrow({ where: { otherAddress: '100*a.test' } });
    const connected = await alice.connect(bob.address, await bob.createPassCode());
    expect(connected.status).toBe(201);
    const after = await b.db.connection.findFirstOrThrow({ where: { otherAddress: '100*a.test' } });
    const onA = await a.db.connection.findFirstOrThrow({ where: { otherAddress: '200*b.test' } });
    expect(after.id).toBe(before.id);
    expect(after.identCode).toBe(before.identCode);
    expect(after.authCode).not.toBe(before.authCode);
    expect(after.messageCryptKey).not.toBe(before.messageCryptKey);
    expect(onA.authCode).toBe(after.authCode);
    expect(await b.db.connection.count()).toBe(1);
  });

  it('refuses a pass code that was already used', async () => {
    const code = await bob.createPassCode();
    expect((await alice.connect(bob.address, code)).status).toBe(201);
    const again = await alice.connect(bob.address, code);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ error: 'refused' });
    expect(again.body.message).toContain('The pass code was not accepted');
    expect(again.body.detail).toContain('pass code not valid');
  });

  it('refuses a wrong pass code', async () => {
    const live = await bob.createPassCode();
    const wrong = String((Number(live) + 1) % 1_000_000).padStart(6, '0');
    const answer = await alice.connect(bob.address, wrong);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toContain('pass code not valid');
  });

  it('refuses an expired pass code, and spends it', async () => {
    await b.db.passCode.deleteMany();
    const code = await bob.createPassCode();
    await b.db.passCode.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    const answer = await alice.connect(bob.address, code);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toContain('expired pass code');
    expect(await b.db.passCode.count()).toBe(0);
  });

  it('explains malformed input and unreachable nodes', async () => {
    expect((await alice.connect('not-an-address', '123456')).body).toMatchObject({
      error: 'validation_failed',
      fields: ['address'],
    });
    expect((await alice.connect(bob.address, '12ab56')).body).toMatchObject({
      error: 'validation_failed',
      fields: ['passCode'],
    });
    expect((await alice.connect(alice.address, '123456')).body).toMatchObject({ error: 'self' });
    const unreachable = await alice.connect('1*nowhere.invalid', '123456');
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.error).toBe('unreachable');
  });

  it('lists, and lets the user revoke, open pass codes', async () => {
    await b.db.passCode.deleteMany();
    const code = await bob.createPassCode('shop counter');
    const listed = await bob.call('listPassCodes');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ note: 'shop counter' });
    expect(JSON.stringify(listed.body)).not.toContain(code);
    expect((await bob.call('revokePassCode', { params: { id: listed.body.items[0]!.id } })).status).toBe(204);
    expect((await alice.connect(bob.address, code)).status).toBe(422);
  });
});
