import { apiPath } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';

const METRICS_TOKEN = 'a-long-enough-metrics-token';

describe.each(DATABASE_KINDS)('operator endpoints (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode;

  beforeAll(async () => {
    ({ a, b } = await startInProcessPair(kind, { a: { OPENMSG_METRICS_TOKEN: METRICS_TOKEN } }));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const scrape = async () => {
    const response = await a.fetch(`/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };
  const value = (text: string, metric: string) =>
    Number(new RegExp(`^${metric.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? 'NaN');

  it('answers health and readiness', async () => {
    expect(await (await a.fetch(`/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await a.fetch(`/readyz`)).json()).toEqual({ status: 'ready' });
  });

  it('counts handshakes, deliveries, failures, refusals and the queue in Prometheus metrics', async () => {
    expect((await a.fetch(`/metrics`)).status).toBe(401);
    const alice = await a.createUser('100', 'Alice');
    const bob = await b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
    expect((await alice.connect(bob.address, '000000')).status).toBe(422);
    const sent = await alice.send(bob.address, 'counted');
    await alice.waitForState(sent.body.id, ['delivered']);
    await b.db.connection.updateMany({ data: { blocked: true } });
    const refused = await alice.send(bob.address, 'blocked');
    await alice.waitForState(refused.body.id, ['failed']);
    expect((await a.session().login('100', 'not the password')).status).toBe(401);

    const text = await eventually(async () => {
      const scraped = await scrape();
      return value(scraped, 'openmsg_delivery_failures_total{code="SM_E002"}') === 1 ? scraped : null;
    });
    expect(value(text, 'openmsg_handshakes_total{direction="out",outcome="connected"}')).toBe(1);
    expect(value(text, 'openmsg_handshakes_total{direction="out",outcome="refused"}')).toBe(1);
    expect(value(text, 'openmsg_messages_delivered_total')).toBe(1);
    expect(value(text, 'openmsg_auth_refusals_total{kind="login",reason="bad_credentials"}')).toBe(1);
    expect(value(text, 'openmsg_delivery_queue_depth')).toBe(0);
    expect(text).not.toContain('counted');
  });

  it('documents the client API in OpenAPI, with request bodies from the validating schemas', async () => {
    const document = (await (await a.fetch(`/api/docs/json`)).json()) as any;
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).every((path: string) => path.startsWith('/api/'))).toBe(true);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        apiPath('listConversations'),
        apiPath('listContacts'),
        apiPath('sendMessage'),
        apiPath('events'),
        apiPath('login'),
      ]),
    );
    const connect = document.paths[apiPath('listContacts')].post.requestBody.content['application/json'].schema;
    expect(Object.keys(connect.properties)).toEqual(['address', 'passCode']);
    const page = await a.fetch(`/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });

  it('writes JSON logs without pass codes, tokens or message text', async () => {
    const logs = a.logs() + b.logs();
    for (const line of logs.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
    expect(logs).not.toContain('counted');
    expect(logs).not.toMatch(/om_[A-Za-z0-9_-]{20,}/);
  });
});
