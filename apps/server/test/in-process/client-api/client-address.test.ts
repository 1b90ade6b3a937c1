import { apiPath } from '@openmsg/core';
import { afterAll, describe, expect, it } from 'vitest';
import { InProcessNode } from '../kit/in-process-node';

/** A sign-up sent from `from` (the connection's address) with an X-Forwarded-For header. */
const signUp = (node: InProcessNode, name: string, forwardedFor: string, from = '127.0.0.1') =>
  node
    .fetch(apiPath('register'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor, 'x-test-remote-address': from },
      body: JSON.stringify({ displayName: name, password: 'correct horse battery' }),
    })
    .then((response) => response.status);

/** Per-source caps count by client address: X-Forwarded-For is believed from trusted proxies only. */
describe('the client address a node counts by', () => {
  const nodes: InProcessNode[] = [];
  afterAll(() => Promise.all(nodes.map((node) => node.close())));

  it('comes from X-Forwarded-For when a trusted proxy (loopback, by default) sends it', async () => {
    const node = await InProcessNode.start('sqlite', 'a.test', { OPENMSG_REGISTRATIONS_PER_HOUR: '1' });
    nodes.push(node);
    expect(await signUp(node, 'First Client', '203.0.113.1')).toBe(201);
    expect(await signUp(node, 'Second Client', '203.0.113.2')).toBe(201);
    expect(await signUp(node, 'First Again', '203.0.113.1')).toBe(429);
  });

  it('is the connection address when the sender is not a trusted proxy', async () => {
    const node = await InProcessNode.start('sqlite', 'b.test', {
      OPENMSG_REGISTRATIONS_PER_HOUR: '1',
      OPENMSG_TRUSTED_PROXIES: '192.0.2.10',
    });
    nodes.push(node);
    expect(await signUp(node, 'First Client', '203.0.113.1')).toBe(201);
    expect(await signUp(node, 'Claims Another', '203.0.113.2')).toBe(429);
    expect(await node.db.cappedAttempt.findMany({ where: { scope: 'registration' }, select: { key: true } })).toEqual([
      { key: '127.0.0.1' },
    ]);
    // From the configured proxy, its X-Forwarded-For is believed again.
    expect(await signUp(node, 'Behind The Proxy', '203.0.113.3', '192.0.2.10')).toBe(201);
    expect(await node.db.cappedAttempt.count({ where: { scope: 'registration', key: '203.0.113.3' } })).toBe(1);
  });
});
