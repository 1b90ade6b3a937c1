import { apiPath, type Contact, type NodeInfo, type Page as ListPage } from '@openmsg/core/api';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import path from 'node:path';
import { textLimit } from '../lib/composer-limits';
import { PASSWORD, signUp } from './people';

const SCREENSHOTS = path.join(__dirname, '../test-results/screenshots');

/**
 * Ann (10*a.test) and Bob (20*b.test) on two real nodes, each in their own browser and inbox:
 * Bob hands out a pass code, Ann connects with it, and they write to each other.
 */
test.describe.serial('two people on two nodes', () => {
  let annContext: BrowserContext;
  let bobContext: BrowserContext;
  let ann: Page;
  let bob: Page;
  let code = '';

  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;
  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: false });
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

  /** Stops or starts a node through the test stack's control server (e2e/global-setup.ts). */
  async function node(domain: string, action: 'stop' | 'start') {
    const response = await fetch(`${process.env.E2E_CONTROL}/nodes/${domain}/${action}`, { method: 'POST' });
    expect(response.status, await response.text()).toBe(204);
  }

  /** Sends messages through the client API with the browser's session, as a script would. */
  async function sendByApi(context: BrowserContext, base: string, to: string, texts: string[]) {
    const csrf = (await context.cookies(base)).find((cookie) => cookie.name === 'om_csrf')?.value ?? '';
    for (const text of texts) {
      const response = await context.request.post(`${base}${apiPath('sendMessage')}`, {
        data: { to, text },
        headers: { 'x-csrf-token': csrf },
      });
      expect(response.ok(), await response.text()).toBe(true);
    }
  }

  async function openUser(browser: Browser) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    return { context, page: await context.newPage() };
  }

  test.beforeAll(async ({ browser }) => {
    ({ context: annContext, page: ann } = await openUser(browser));
    ({ context: bobContext, page: bob } = await openUser(browser));
  });
  test.afterAll(async () => {
    await annContext?.close();
    await bobContext?.close();
  });

  test('sign-in and sign-up pages validate as you type', async () => {
    const response = await ann.goto(`${webA()}/sign-in`);
    expect(response?.headers()['x-frame-options']).toBe('DENY');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(ann.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await shot(ann, 'sign-in');
    await ann.getByLabel('Address or number').fill('10');
    await ann.getByLabel('Password').fill('wrong password');
    await ann.getByRole('button', { name: 'Sign in' }).click();
    await expect(ann.getByRole('alert').filter({ hasText: 'wrong address or password' })).toBeVisible();

    await ann.goto(`${webA()}/sign-up`);
    await ann.getByLabel('Your number (optional)').fill('12ab');
    await ann.getByLabel('Your number (optional)').blur();
    await expect(ann.getByText('1-32 digits')).toBeVisible();
    await expect(ann.getByText('Your address will be number*a.test')).toBeHidden();
    await shot(ann, 'sign-up');
  });

  test('Bob signs up, sees how to get connected, and generates a pass code', async () => {
    await signUp(bob, webB(), '20', 'Bob Jones');
    await expect(bob.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();
    await shot(bob, 'inbox-empty');

    await nav(bob, 'Pass codes').click();
    await bob.getByLabel('Note (optional)').fill('Ann');
    await bob.getByRole('button', { name: 'Generate pass code' }).click();
    const shown = bob.getByTestId('pass-code');
    await expect(shown).toBeVisible();
    code = (await shown.innerText()).replace(/\s/g, '');
    expect(code).toMatch(/^[0-9]{6}$/);
    await expect(bob.getByText('for 20*b.test')).toBeVisible();
    await expect(bob.getByRole('img', { name: /QR code of 20\*b\.test/ })).toBeVisible();
    await expect(bob.getByRole('timer').first()).toContainText(/5[0-9]:[0-5][0-9] left/);
    await expect(bob.getByTestId('open-pass-code')).toHaveCount(1);
    await bob.getByRole('button', { name: 'Copy share text' }).click();
    expect(await bob.evaluate(() => navigator.clipboard.readText())).toContain(
      `20*b.test and your one-time pass code is ${code}`,
    );
    await shot(bob, 'pass-codes');
  });

  test('Ann signs up and connects with the code; a wrong code gets a clear error', async () => {
    await signUp(ann, webA(), '10', 'Ann Smith');
    await nav(ann, 'Connect').click();
    await ann.getByLabel('Their address').fill('bob at b.test');
    await ann.getByLabel('Their address').blur();
    await expect(ann.getByText('an address looks like 1234*example.com')).toBeVisible();
    await ann.getByLabel('Their address').fill('20*b.test');
    await ann.getByLabel('Pass code').fill('000 000');
    await ann.getByRole('button', { name: 'Connect' }).click();
    await expect(ann.getByRole('alert').filter({ hasText: 'The pass code was not accepted' })).toBeVisible();
    await expect(ann.getByRole('alert').filter({ hasText: 'The pass code was not accepted' })).toContainText(
      'ask them for a new one',
    );
    await shot(ann, 'connect-error');

    await ann.getByLabel('Pass code').fill(code);
    await ann.getByRole('button', { name: 'Connect' }).click();
    await expect(ann.getByRole('heading', { name: 'Bob Jones' })).toBeVisible();
  });

  test('Ann writes; Bob sees it arrive without reloading, with an unread count that clears on reading', async () => {
    await nav(bob, 'Inbox').click();
    await expect(bob.getByRole('heading', { name: 'No conversations yet' })).toBeHidden();

    const composer = ann.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('Hello Bob, see https://example.com/info?x=1 and <b>not bold</b>');
    await composer.press('Enter');
    await expect(composer).toHaveValue('');
    await expect(ann.getByTestId('message').last()).toHaveAttribute('data-state', 'delivered');

    const conversation = bob.getByTestId('conversation').first();
    await expect(conversation).toContainText('Ann Smith');
    await expect(conversation.getByTestId('unread-badge')).toHaveText('1');
    await expect(conversation.locator('time')).toHaveText('now');
    await expect(bob).toHaveTitle('(1) Openmsg');
    await shot(bob, 'inbox');

    await conversation.click();
    const received = bob.getByTestId('message').last();
    await expect(received).toContainText('<b>not bold</b>');
    await expect(received.getByRole('link', { name: 'https://example.com/info?x=1' })).toHaveAttribute(
      'href',
      'https://example.com/info?x=1',
    );
    await expect(bob).toHaveTitle('Openmsg');
    await expect(bob.getByTestId('unread-badge')).toHaveCount(0);
  });

  test('Bob replies over two lines; Ann sees it live; a used code is refused', async () => {
    const composer = bob.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill('Hi Ann');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('second line');
    await expect(composer).toHaveValue('Hi Ann\nsecond line');
    await composer.press('Enter');
    await expect(ann.getByTestId('message').last()).toContainText('Hi Ann\nsecond line');
    await shot(bob, 'thread');

    await nav(ann, 'Connect').click();
    await ann.getByLabel('Their address').fill('20*b.test');
    await ann.getByLabel('Pass code').fill(code);
    await ann.getByRole('button', { name: 'Connect' }).click();
    await expect(ann.getByRole('alert').filter({ hasText: 'The pass code was not accepted' })).toContainText(
      'pass code not valid',
    );
  });

  test('the composer counts characters near the limit', async () => {
    await nav(ann, 'Inbox').click();
    await ann.getByTestId('conversation').first().click();
    // The limit follows the contact (lib/composer-limits.ts): a whole letter toward a node that takes files-1.
    const node = (await (await ann.request.get(`${webA()}${apiPath('nodeInfo')}`)).json()) as NodeInfo;
    const contacts = (await (await ann.request.get(`${webA()}${apiPath('listContacts')}`)).json()) as ListPage<Contact>;
    const { maxChars } = textLimit(node, contacts.items[0]?.peer);
    const near = Math.ceil(maxChars * 0.95);
    await ann.getByRole('textbox', { name: 'Message', exact: true }).fill('x'.repeat(near));
    await expect(ann.getByTestId('char-counter')).toHaveText(`${near}/${maxChars}`);
    await ann.getByRole('textbox', { name: 'Message', exact: true }).fill('x'.repeat(maxChars + 1));
    await expect(ann.getByRole('button', { name: 'Send' })).toBeDisabled();
    await ann.getByRole('textbox', { name: 'Message', exact: true }).fill('');
  });

  test('blocking stops delivery; after unblocking, Retry delivers', async () => {
    await nav(bob, 'Contacts').click();
    const row = bob.getByTestId('contact').filter({ hasText: '10*a.test' });
    await row.getByRole('button', { name: 'Block' }).click();
    await expect(row).toContainText('blocked');
    await shot(bob, 'contacts');

    await ann.getByRole('textbox', { name: 'Message', exact: true }).fill('are you there?');
    await ann.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
    const failed = ann.getByTestId('message').last();
    await expect(failed).toHaveAttribute('data-state', 'failed');
    await expect(failed.getByTestId('failure-reason')).toContainText('SM_E002');
    await shot(ann, 'thread-failed');

    await row.getByRole('button', { name: 'Unblock' }).click();
    await expect(row).not.toContainText('blocked');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(ann.getByTestId('message').last()).toHaveAttribute('data-state', 'delivered');
  });

  test('contacts can be renamed; settings change the profile', async () => {
    const row = bob.getByTestId('contact').filter({ hasText: '10*a.test' });
    await row.getByRole('button', { name: 'Rename' }).click();
    await row.getByLabel('Your name for 10*a.test').fill('Annie');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row).toContainText('Annie');

    await nav(ann, 'Settings').click();
    await ann.getByLabel('Display name').fill('Ann S');
    await ann.getByRole('button', { name: 'Save profile' }).click();
    await expect(ann.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await ann.getByLabel('Token name').fill('orders');
    await ann.getByRole('button', { name: 'Create token' }).click();
    await expect(ann.getByTestId('new-token')).toContainText('om_');
    await shot(ann, 'settings');
  });

  test('a long thread opens at the newest page and loads older messages when scrolled up', async () => {
    await sendByApi(
      bobContext,
      webB(),
      '10*a.test',
      Array.from({ length: 60 }, (_, index) => `bulk ${index + 1}`),
    );
    await expect(ann).toHaveTitle('(60) Openmsg');

    await nav(ann, 'Inbox').click();
    await ann.getByTestId('conversation').first().click();
    const messages = ann.getByTestId('message');
    await expect(messages).toHaveCount(50);
    await expect(ann).toHaveTitle('Openmsg');
    const scroller = ann.getByTestId('message-scroller');
    await expect(messages.last()).toBeInViewport();

    await scroller.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect(messages).toHaveCount(63);
    await expect(messages.first()).toContainText('Hello Bob');
    await expect(ann.getByRole('button', { name: 'Load older messages' })).toHaveCount(0);
    // The reader stays where they were instead of being thrown to the top of what just loaded.
    await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
  });

  test('search finds a message as you type; the result opens its conversation and the search stays', async () => {
    await nav(ann, 'Inbox').click();
    const search = ann.getByRole('searchbox', { name: 'Search contacts and messages' });
    await search.fill('BULK 42');
    const result = ann.getByTestId('search-result');
    await expect(result).toHaveCount(1);
    await expect(result.locator('mark')).toHaveText('bulk 42');
    await shot(ann, 'search');
    await result.click();
    await expect(ann.getByRole('heading', { name: 'Bob Jones' })).toBeVisible();
    await expect(search).toHaveValue('BULK 42');
    await search.press('Escape');
    await expect(ann.getByTestId('conversation')).toHaveCount(1);
  });

  test('after the node restarts, the open thread reconnects and shows what came meanwhile', async () => {
    await nav(bob, 'Inbox').click();
    await bob.getByTestId('conversation').first().click();
    await expect(composerOf(bob)).toBeEnabled();

    // While the node is down its proxy answers the stream's attempts with 502, and the stream keeps
    // trying with backoff: wait for one such attempt before restarting.
    const refused = ann.waitForResponse(
      (response) => response.url().endsWith(apiPath('events')) && response.status() === 502,
    );
    await node('a.test', 'stop');
    await expect(ann.getByText('Reconnecting…')).toBeVisible();
    await composerOf(bob).fill('sent while your node was down');
    await composerOf(bob).press('Enter');
    await expect(bob.getByTestId('message').last()).toContainText('sent while your node was down');

    await refused;
    await node('a.test', 'start');
    await expect(ann.getByText('Reconnecting…')).toBeHidden();
    await expect(ann.getByTestId('message').last()).toContainText('sent while your node was down');
    await expect(bob.getByTestId('message').last()).toHaveAttribute('data-state', 'delivered');

    await composerOf(bob).fill('and this one live');
    await composerOf(bob).press('Enter');
    await expect(ann.getByTestId('message').last()).toContainText('and this one live');
    await expect(ann).toHaveTitle('Openmsg');
  });

  test('conversations beyond the first page: Show more, and a thread opens even when not listed yet', async ({
    browser,
  }) => {
    // Cat (b.test) hands Ann a pass code through the API, the way a script would.
    const cat = await browser.newContext();
    try {
      expect(
        (
          await cat.request.post(`${webB()}${apiPath('register')}`, {
            data: { displayName: 'Cat Lee', password: PASSWORD },
          })
        ).ok(),
      ).toBe(true);
      const csrf = (await cat.cookies(webB())).find((cookie) => cookie.name === 'om_csrf')?.value ?? '';
      const issued = (await (
        await cat.request.post(`${webB()}${apiPath('createPassCode')}`, { data: {}, headers: { 'x-csrf-token': csrf } })
      ).json()) as {
        code: string;
        address: string;
      };
      const annCsrf = (await annContext.cookies(webA())).find((cookie) => cookie.name === 'om_csrf')?.value ?? '';
      const connected = await ann.request.post(`${webA()}${apiPath('connect')}`, {
        data: { address: issued.address, passCode: issued.code },
        headers: { 'x-csrf-token': annCsrf },
      });
      expect(connected.ok(), await connected.text()).toBe(true);
    } finally {
      await cat.close();
    }
    const contacts = (
      (await (await ann.request.get(`${webA()}${apiPath('listContacts')}`)).json()) as {
        items: { conversationId: string; name: string }[];
      }
    ).items;
    expect(contacts).toHaveLength(2);

    // The list is asked for one conversation per page, as if Ann had more than a page of them.
    const onePerPage = (url: URL) => url.pathname === apiPath('listConversations');
    await ann.route(onePerPage, (route) =>
      route.continue({ url: route.request().url().replace('limit=100', 'limit=1') }),
    );
    try {
      await ann.goto(`${webA()}/`);
      const listed = ann.getByTestId('conversation');
      await expect(listed).toHaveCount(1);
      const href = (await listed.first().getAttribute('href')) ?? '';
      const unlisted = contacts.find((contact) => !href.endsWith(`/c/${contact.conversationId}`));
      expect(unlisted).toBeDefined();
      await ann.goto(`${webA()}/c/${unlisted?.conversationId}`);
      await expect(ann.getByRole('heading', { name: unlisted?.name })).toBeVisible();
      await expect(listed).toHaveCount(1);
      await ann.getByRole('button', { name: 'Show more conversations' }).click();
      await expect(listed).toHaveCount(2);
      await expect(ann.getByRole('button', { name: 'Show more conversations' })).toHaveCount(0);
    } finally {
      await ann.unroute(onePerPage);
    }
  });

  test('dark mode and phone width', async () => {
    await bob.emulateMedia({ colorScheme: 'dark' });
    await nav(bob, 'Inbox').click();
    await expect(bob.getByTestId('conversation').first()).toBeVisible();
    await shot(bob, 'inbox-dark');
    await bob.emulateMedia({ colorScheme: 'light' });

    await ann.setViewportSize({ width: 390, height: 844 });
    await nav(ann, 'Inbox').click();
    await ann.getByTestId('conversation').filter({ hasText: 'Bob Jones' }).click();
    await expect(ann.getByRole('link', { name: 'Back to conversations' })).toBeVisible();
    await expect(ann.getByRole('region', { name: 'Conversation list' })).toBeHidden();
    await shot(ann, 'thread-phone');
  });

  test('deleting a contact asks first, then removes them and the conversation', async () => {
    await nav(bob, 'Contacts').click();
    const row = bob.getByTestId('contact').filter({ hasText: '10*a.test' });
    await row.getByRole('button', { name: 'Delete' }).click();
    const confirm = row.getByRole('alertdialog', { name: 'Confirm delete' });
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await bob.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await row.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete for good' }).click();
    await expect(bob.getByTestId('contact')).toHaveCount(0);
    await nav(bob, 'Inbox').click();
    await expect(bob.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();
  });

  test('signing out ends the session', async () => {
    await ann.setViewportSize({ width: 1280, height: 800 });
    await nav(ann, 'Settings').click();
    await ann.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(ann.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await ann.goto(`${webA()}/`);
    await expect(ann.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});
