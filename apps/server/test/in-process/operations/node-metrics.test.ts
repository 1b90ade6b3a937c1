import { apiPath } from '@openmsg/core';
import { randomBytes } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../peer-kit/api-client';
import { DATABASE_KINDS, eventually } from '../../peer-kit/nodes';
import { advanceClock, restoreClock } from '../kit/clock';
import { type InProcessNode, startInProcessPair } from '../kit/in-process-node';
import { ROUTE_GROUPS } from '../../../src/metrics/http-route-group';
import { parseSamples, sumOf } from '../kit/prometheus-text';

/** The metrics the dashboard and the alerts read (docker/grafana, docker/prometheus), with the values they should show. */
describe.each(DATABASE_KINDS)('node metrics for dashboards and alerts (%s)', (kind) => {
  let a: InProcessNode;
  let b: InProcessNode | undefined;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    const pair = await startInProcessPair(kind);
    ({ a, b } = pair);
    alice = await a.createUser('100', 'Alice');
    bob = await pair.b.createUser('200', 'Bob');
    expect((await alice.connect(bob.address, await bob.createPassCode())).status).toBe(201);
  });
  afterAll(async () => {
    restoreClock();
    await a?.close();
    await b?.close();
  });

  const scrape = async () => {
    const response = await a.fetch('/metrics');
    expect(response.status).toBe(200);
    return response.text();
  };

  it('counts HTTP answers by route group and status class, never by path', async () => {
    const before = await scrape();
    expect((await a.fetch(apiPath('me'))).status).toBe(401);
    expect(
      (
        await a.fetch(apiPath('getMessage', { params: { id: '00000000-0000-7000-8000-000000000000' } }), {
          headers: { authorization: `Bearer ${alice.token}` },
        })
      ).status,
    ).toBe(404);
    // The federation endpoints answer errors with 200 and a protocol error (PROTOCOL.md).
    const malformed = await a.fetch('/openmsg/message-receive', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(malformed.status).toBe(200);
    expect((await a.fetch('/no/such/path/4711')).status).toBe(404);
    expect((await a.fetch('/healthz')).status).toBe(200);
    const after = await scrape();

    const added = (labels: Record<string, string>) =>
      sumOf(after, 'openmsg_http_requests_total', labels) - sumOf(before, 'openmsg_http_requests_total', labels);
    expect(added({ group: 'client_api', status: '4xx' })).toBe(2);
    expect(added({ group: 'federation', status: '2xx' })).toBe(1);
    expect(added({ group: 'unmatched', status: '4xx' })).toBe(1);
    // /healthz, and the first scrape (counted once answered).
    expect(added({ group: 'operations', status: '2xx' })).toBe(2);
    expect(added({})).toBe(6);
    // Every group's 5xx series is there from the start, at 0: rate() then sees the first error.
    const serverErrors = parseSamples(after).filter(
      (sample) => sample.name === 'openmsg_http_requests_total' && sample.labels.status === '5xx',
    );
    expect(serverErrors.map((sample) => [sample.labels.group, sample.value]).sort()).toEqual(
      ROUTE_GROUPS.map((group) => [group, 0]).sort(),
    );
    const timed = (text: string) => sumOf(text, 'openmsg_http_request_duration_seconds_count', { group: 'client_api' });
    expect(timed(after) - timed(before)).toBe(2);
    expect(after).not.toContain('4711');
    expect(after).not.toContain('00000000-0000-7000');
  });

  it('counts the open event streams', async () => {
    const open = () => {
      const controller = new AbortController();
      const response = fetch(`${a.baseUrl}${apiPath('events')}`, {
        headers: { authorization: `Bearer ${alice.token}` },
        signal: controller.signal,
      });
      return { controller, response };
    };
    const streams = (text: string) => sumOf(text, 'openmsg_event_streams_open');
    expect(streams(await scrape())).toBe(0);
    const [first, second] = [open(), open()];
    expect((await first.response).status).toBe(200);
    expect((await second.response).status).toBe(200);
    await eventually(async () => streams(await scrape()) === 2);
    first.controller.abort();
    await eventually(async () => streams(await scrape()) === 1);
    second.controller.abort();
    await eventually(async () => streams(await scrape()) === 0);
    // A refused stream is an answered request; an open one is counted by the gauge alone, and never timed.
    expect((await a.fetch(apiPath('events'))).status).toBe(401);
    const text = await scrape();
    expect(sumOf(text, 'openmsg_http_requests_total', { group: 'event_stream' })).toBe(1);
    expect(sumOf(text, 'openmsg_http_requests_total', { group: 'event_stream', status: '4xx' })).toBe(1);
    expect(sumOf(text, 'openmsg_http_request_duration_seconds_count', { group: 'event_stream' })).toBe(0);
  });

  it("reports the database's size, which grows with what is stored, and the data directory's file system", async () => {
    const size = async () => sumOf(await scrape(), 'openmsg_database_size_bytes');
    const before = await size();
    expect(before).toBeGreaterThan(0);
    const account = await a.db.account.findFirstOrThrow({ where: { addressId: '100' } });
    // Random text does not compress: 4 MB stored take at least 2 MB more on disk, on either database.
    for (let batch = 0; batch < 4; batch++) {
      await a.db.message.createMany({
        data: Array.from({ length: 50 }, () => ({
          accountId: account.id,
          otherAddress: '200*b.test',
          direction: 'in',
          state: 'received',
          body: randomBytes(15_000).toString('base64'),
        })),
      });
    }
    expect(await eventually(async () => ((await size()) - before > 2_000_000 ? true : null))).toBe(true);

    const text = await scrape();
    const disk = await statfs(a.config.dataDir);
    expect(sumOf(text, 'openmsg_data_dir_filesystem_size_bytes')).toBe(disk.blocks * disk.bsize);
    const free = sumOf(text, 'openmsg_data_dir_filesystem_free_bytes');
    expect(free).toBeGreaterThan(0);
    // Other processes write to the same disk meanwhile: the same reading within 1%.
    expect(Math.abs(free - disk.bavail * disk.bsize)).toBeLessThan(disk.blocks * disk.bsize * 0.01);
  });

  it('reports how many messages wait and how long the oldest has waited', async () => {
    const queue = async () => {
      const text = await scrape();
      return {
        depth: sumOf(text, 'openmsg_delivery_queue_depth'),
        age: sumOf(text, 'openmsg_delivery_queue_oldest_age_seconds'),
      };
    };
    expect(await queue()).toEqual({ depth: 0, age: 0 });
    await b?.close(); // Bob's node is gone: the message waits for its next attempt.
    b = undefined;
    const sent = await alice.send(bob.address, 'waiting');
    expect(sent.status).toBe(201);
    expect((await eventually(async () => ((await queue()).depth === 1 ? queue() : null))).depth).toBe(1);
    advanceClock(90_000);
    const { depth, age } = await queue();
    expect(depth).toBe(1);
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(90 + 60);
    // Scrapes at the same moment share the gauges' readings; each still gets the whole, right answer.
    const burst = await Promise.all(Array.from({ length: 50 }, () => queue()));
    expect(burst.filter((scraped) => scraped.depth === 1 && scraped.age >= 90 && scraped.age < 150)).toHaveLength(50);
    restoreClock();
  });
});
