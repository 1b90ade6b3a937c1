import { apiPath } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import type { SessionClient } from '../../peer-kit/session-client';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';
import { grantAdmin } from './admin-kit';

const PASSWORD = 'correct horse battery';
const MESSAGES = 12;

/** The console's node-wide pages on a.test, with b.test as a real peer: invitations, the delivery queue and retry, failing peers, storage, check-self, the audit log. */
describe.each(DATABASE_KINDS)('admin console: the node (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;
  let admin: SessionClient;
  let ann: SessionClient;
  let bob: SessionClient;

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind, { a: { OPENMSG_REGISTRATION: 'invite' } }));
    admin = a.session();
    ann = a.session();
    bob = b.session();
    const invite = await a.operator.createInvite('for the admin');
    expect((await admin.register('Ada Admin', PASSWORD, { addressId: '1', invitationCode: invite.code })).status).toBe(
      201,
    );
    await grantAdmin(a, '1');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('shows the registration mode, creates invitations that sign people up, lists and revokes them', async () => {
    const overview = await admin.call('adminOverview');
    expect(overview.body.registration).toMatchObject({
      mode: 'invite',
      howToChange: expect.stringContaining('OPENMSG_REGISTRATION'),
    });
    const created = await admin.call('adminCreateInvitation', { body: { note: 'for Ann', days: 3 } });
    expect(created).toMatchObject({
      status: 201,
      body: { code: expect.stringMatching(/^inv_/), expiresAt: expect.any(String) },
    });
    expect(
      (await ann.register('Ann Smith', PASSWORD, { addressId: '10', invitationCode: created.body.code })).status,
    ).toBe(201);
    const spare = await admin.call('adminCreateInvitation', { body: { note: 'spare' } });
    const listed = (await admin.call('adminInvitations')).body.items;
    expect(listed.map((invitation) => [invitation.note, invitation.usedAt !== null])).toEqual([
      ['spare', false],
      ['for Ann', true],
      ['for the admin', true],
    ]);
    expect(JSON.stringify(listed)).not.toContain(spare.body.code);
    expect((await admin.call('adminRevokeInvitation', { params: { id: listed[0]!.id } })).status).toBe(204);
    expect((await admin.call('adminRevokeInvitation', { params: { id: listed[0]!.id } })).status).toBe(404);
    expect((await a.session().register('Late Comer', PASSWORD, { invitationCode: spare.body.code })).body.error).toBe(
      'invitation_invalid',
    );
    expect((await admin.callUntyped('adminCreateInvitation', { body: { days: 0 } })).body).toMatchObject({
      error: 'validation_failed',
      fields: ['days'],
    });
  });

  it('shows failed deliveries per domain and the failing peer; 100 "retry all" at once requeue each message once, and all arrive', async () => {
    await bob.register('Bob Jones', PASSWORD, { addressId: '20' });
    const code = (await bob.call('createPassCode', { body: {} })).body.code;
    expect((await ann.call('connect', { body: { address: '20*b.test', passCode: code } })).status).toBe(201);
    const annOnB = (await bob.call('listContacts')).body.items[0]!.id;
    await bob.call('updateContact', { params: { id: annOnB }, body: { blocked: true } });
    const sent = await Promise.all(
      Array.from({ length: MESSAGES }, (_, i) =>
        ann.call('sendMessage', { body: { to: '20*b.test', text: `message ${i}` } }),
      ),
    );
    for (const message of sent)
      await eventually(
        async () => (await ann.call('getMessage', { params: { id: message.body.id } })).body.state === 'failed',
      );

    const queue = (await admin.call('adminDeliveryQueue')).body.items;
    expect(queue).toEqual([{ domain: 'b.test', waiting: 0, failed: MESSAGES, oldestWaitingAt: null }]);
    const peers = await eventually(async () => {
      const items = (await admin.call('adminFailingPeers')).body.items;
      return items.length > 0 && items;
    });
    // The last failed attempt: the refusal, or under load an attempt before it that timed out and was retried.
    expect(peers).toEqual([
      {
        domain: 'b.test',
        failureCode: expect.stringMatching(/^(SM_E002|timeout)$/),
        failureReason: expect.any(String),
        failedAt: expect.any(String),
        waiting: 0,
        failed: MESSAGES,
      },
    ]);

    await bob.call('updateContact', { params: { id: annOnB }, body: { blocked: false } });
    const retries = await Promise.all(
      Array.from({ length: 100 }, () => admin.call('adminRetryDomain', { params: { domain: 'b.test' } })),
    );
    expect(retries.map((retry) => retry.status)).toEqual(retries.map(() => 200));
    expect(retries.reduce((sum, retry) => sum + retry.body.requeued, 0)).toBe(MESSAGES);
    for (const message of sent)
      await eventually(
        async () => (await ann.call('getMessage', { params: { id: message.body.id } })).body.state === 'delivered',
      );
    const thread = (await bob.call('listConversations')).body.items[0]!;
    const received = (
      await bob.call('conversationMessages', { params: { conversationId: thread.id }, query: { limit: 100 } })
    ).body.items;
    expect(received.map((message) => message.text).sort()).toEqual(sent.map((_, i) => `message ${i}`).sort());
    const audit = await a.db.adminAuditEntry.count({ where: { action: 'delivery.retry_domain', target: 'b.test' } });
    expect(audit).toBe(100);
    expect((await admin.call('adminDeliveryQueue')).body.items).toEqual([]);
    expect((await admin.callUntyped('adminRetryDomain', { params: { domain: 'not a domain' } })).body).toMatchObject({
      error: 'validation_failed',
      fields: ['domain'],
    });
  });

  it('counts the bytes of stored messages per account', async () => {
    const usage = (await admin.call('adminStorage')).body;
    const annUsage = usage.items.find((item) => item.address === '10*a.test')!;
    expect(annUsage.bytes.messages).toBeGreaterThanOrEqual(MESSAGES * 'message 0'.length);
    expect(annUsage.totalBytes).toBe(annUsage.bytes.messages);
    expect(usage.totalBytes).toBe(usage.items.reduce((sum, item) => sum + item.totalBytes, 0));
    expect((await admin.callUntyped('adminStorage', { query: { limit: 9999 } })).body.error).toBe('validation_failed');
  });

  it("runs the node's check-self and shows the report", async () => {
    const report = await admin.call('adminCheckSelf', { body: { timeoutSeconds: 10 } });
    expect(report).toMatchObject({
      status: 200,
      body: { target: 'a.test', checks: expect.any(Array), summary: expect.any(Object) },
    });
    expect(report.body.checks.length).toBeGreaterThan(0);
    expect(report.body.checks[0]).toMatchObject({
      id: expect.any(String),
      status: expect.stringMatching(/^(PASS|WARN|FAIL|SKIP)$/),
    });
  });

  it('lists the audit log newest first and exports it whole as JSON and CSV', async () => {
    const page = (await admin.call('adminAudit', { query: { limit: 5 } })).body;
    expect(page.items[0]).toMatchObject({ actor: '1*a.test', action: 'node.check_self', target: 'a.test' });
    const total = await a.db.adminAuditEntry.count();
    const json = await a.fetch(apiPath('adminAuditExport', { query: { format: 'json' } }), {
      headers: { cookie: admin.cookieHeader() },
    });
    expect(json.headers.get('content-disposition')).toMatch(
      /^attachment; filename="openmsg-audit-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const entries = JSON.parse(await json.text()) as Array<{ action: string }>;
    expect(entries).toHaveLength(total);
    expect(entries[0]).toEqual(page.items[0]);
    const csv = await a.fetch(apiPath('adminAuditExport', { query: { format: 'csv' } }), {
      headers: { cookie: admin.cookieHeader() },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('createdAt,actor,action,target,detail');
    expect(lines).toHaveLength(total + 1);
    expect(lines.filter((line) => line.includes(',delivery.retry_domain,b.test,'))).toHaveLength(100);
    expect(await admin.callUntyped('adminAuditExport', { query: { format: 'xml' } })).toMatchObject({
      status: 400,
      body: { error: 'validation_failed', fields: ['format'] },
    });
  });
});
