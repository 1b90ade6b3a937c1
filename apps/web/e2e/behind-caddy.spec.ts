import { apiPath } from '@openmsg/core/api';
import { expect, test } from '@playwright/test';
import { request as httpsRequest } from 'node:https';
import { startCaddyStack } from './caddy-stack';

type Stack = Awaited<ReturnType<typeof startCaddyStack>>;

/** An HTTPS call that trusts only Caddy's CA: the certificate chain is really checked. */
function call(
  stack: Stack,
  url: string,
  method = 'GET',
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = httpsRequest(
      url,
      { method, ca: stack.ca, headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

test.describe.serial('the production topology behind Caddy (docker/Caddyfile, HTTPS)', () => {
  let stack: Stack;

  test.beforeAll(async () => {
    stack = await startCaddyStack();
  });
  test.afterAll(async () => {
    await stack?.stop();
  });

  test('serves the sign-in page and the protocol endpoints over HTTPS', async ({ browser }) => {
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await page.goto(`${stack.httpsA}/sign-in`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

    const signIn = await call(stack, `${stack.httpsA}/sign-in`);
    expect(signIn.status).toBe(200);
    const confirm = await call(stack, `${stack.httpsA}/openmsg/message-confirm/`, 'POST', {});
    expect(confirm.status).toBe(200);
    expect(JSON.parse(confirm.text)).toMatchObject({ error: true, response_code: 'SM_E000' });
  });

  test('carries a handshake and a message between two nodes, each behind its own Caddy', async () => {
    /** Signs up over HTTPS and returns the headers of that browser session (cookies and CSRF token). */
    const signUp = async (base: string, addressId: string) => {
      const answer = await new Promise<{ status: number; cookies: string[] }>((resolve, reject) => {
        const payload = JSON.stringify({
          addressId,
          displayName: `User ${addressId}`,
          password: 'correct horse battery',
        });
        const outgoing = httpsRequest(
          `${base}${apiPath('register')}`,
          { method: 'POST', ca: stack.ca, headers: { 'content-type': 'application/json' } },
          (response) => {
            response.resume();
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, cookies: response.headers['set-cookie'] ?? [] }),
            );
          },
        );
        outgoing.on('error', reject);
        outgoing.end(payload);
      });
      expect(answer.status).toBe(201);
      const jar = answer.cookies.map((line) => line.split(';')[0]).join('; ');
      const csrf = /om_csrf=([^;]+)/.exec(jar)?.[1] ?? '';
      return { cookie: jar, 'x-csrf-token': csrf };
    };
    const ann = await signUp(stack.httpsA, '10');
    const bob = await signUp(stack.httpsB, '20');

    const code = JSON.parse(
      (await call(stack, `${stack.httpsB}${apiPath('createPassCode')}`, 'POST', {}, bob)).text,
    ).code;
    const connected = await call(
      stack,
      `${stack.httpsA}${apiPath('connect')}`,
      'POST',
      { address: '20*b.test', passCode: code },
      ann,
    );
    expect(connected.status).toBe(201);
    const sent = JSON.parse(
      (
        await call(
          stack,
          `${stack.httpsA}${apiPath('sendMessage')}`,
          'POST',
          { to: '20*b.test', text: 'through two TLS proxies' },
          ann,
        )
      ).text,
    );
    await expect
      .poll(
        async () =>
          JSON.parse(
            (
              await call(
                stack,
                `${stack.httpsA}${apiPath('getMessage', { params: { id: sent.id } })}`,
                'GET',
                undefined,
                ann,
              )
            ).text,
          ).state,
        {
          timeout: 20_000,
        },
      )
      .toBe('delivered');
    const inbox = JSON.parse(
      (await call(stack, `${stack.httpsB}${apiPath('listConversations')}`, 'GET', undefined, bob)).text,
    );
    expect(inbox.items[0]).toMatchObject({
      contact: { address: '10*a.test' },
      lastMessage: { text: 'through two TLS proxies' },
      unreadCount: 1,
    });
  });
});
