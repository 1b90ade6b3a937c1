import { apiPath } from '@openmsg/core/api';
import { expect, test } from '@playwright/test';
import { request as httpRequest } from 'node:http';

const PASSWORD = 'correct horse battery';

/**
 * A POST to the inbox from a chosen loopback address (127.0.0.2, 127.0.0.3, ...): two clients
 * the inbox must tell apart when it passes their requests on to the node.
 */
function postFrom(
  clientAddress: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const url = new URL(path, process.env.E2E_WEB_A as string);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: clientAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolve({ status: answer.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/**
 * The node counts failed sign-ins per source (50 an hour). Through the inbox, the source must be
 * each browser's own address: one client failing 50 times locks out only itself, and no client
 * can pick its source by sending X-Forwarded-For.
 */
test('the inbox passes each client address to the node, and a client cannot choose its own', async () => {
  test.setTimeout(600_000);
  const attacker = '127.0.0.2';
  const victim = '127.0.0.3';
  const registered = await postFrom(victim, apiPath('register'), { displayName: 'Vic Tim', password: PASSWORD });
  expect(registered.status, JSON.stringify(registered.body)).toBe(201);

  // 50 failed sign-ins at 50 accounts (no account's own cap is reached), a few at a time.
  for (let batch = 0; batch < 10; batch++) {
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        postFrom(
          attacker,
          apiPath('login'),
          { address: `5${batch}${i}*a.test`, password: 'not the password' },
          { 'x-forwarded-for': `10.0.${batch}.${i}` },
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
  }
  // The attacker is now over its cap, whatever address it claims to forward for...
  expect(
    (await postFrom(attacker, apiPath('login'), { address: registered.body.address, password: PASSWORD })).status,
  ).toBe(429);
  expect(
    (
      await postFrom(
        attacker,
        apiPath('login'),
        { address: registered.body.address, password: PASSWORD },
        { 'x-forwarded-for': victim },
      )
    ).status,
  ).toBe(429);
  expect(
    (
      await postFrom(
        attacker,
        apiPath('login'),
        { address: registered.body.address, password: PASSWORD },
        { 'x-real-ip': '10.9.9.9', forwarded: 'for=10.9.9.9' },
      )
    ).status,
  ).toBe(429);
  // ...and the victim, another client of the same inbox, still signs in.
  const signedIn = await postFrom(victim, apiPath('login'), { address: registered.body.address, password: PASSWORD });
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
});
