import { apiPath } from '@openmsg/core/api';
import { readFileSync } from 'node:fs';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import type { DataExport } from '@openmsg/core/api';
import { ApiPerson, DESKTOP, expectNoSidewaysScroll, PHONE, screenshot } from './messenger-helpers';
import { PASSWORD } from './people';

/**
 * Issue 14, "Notifications", "Search" and "The user's own data": Nia (1410*a.test) in the browser,
 * Zoë (1430*b.test) writing to her from the other node. Notifications are observed through a spy on
 * window.Notification (the real stream and real messages), and the tab is made hidden by overriding
 * document.visibilityState, both in an init script.
 */
const NOTIFICATION_SPY = () => {
  const spy = window as unknown as {
    __shown: Array<{ title: string; body: string }>;
    __last: { onclick: (() => void) | null } | null;
    __hidden: boolean;
  };
  spy.__shown = [];
  spy.__last = null;
  spy.__hidden = false;
  const Real = window.Notification;
  class SpyNotification {
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      spy.__shown.push({ title, body: options?.body ?? '' });
      spy.__last = this;
    }
    static get permission() {
      return Real.permission;
    }
    static requestPermission() {
      return Real.requestPermission();
    }
    close() {}
  }
  Object.defineProperty(window, 'Notification', { value: SpyNotification, configurable: true, writable: true });
  Object.defineProperty(document, 'visibilityState', {
    get: () => (spy.__hidden ? 'hidden' : 'visible'),
    configurable: true,
  });
  Object.defineProperty(document, 'hidden', { get: () => spy.__hidden, configurable: true });
};

const shown = (page: Page) =>
  page.evaluate(() => (window as unknown as { __shown: Array<{ title: string; body: string }> }).__shown);
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((value) => {
    (window as unknown as { __hidden: boolean }).__hidden = value;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);

test.describe.serial('notifications, search and the user’s own data', () => {
  let context: BrowserContext;
  let page: Page;
  let nia: ApiPerson;
  let zoe: ApiPerson;
  let conversationId = '';
  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext({ viewport: DESKTOP });
    await context.grantPermissions(['notifications'], { origin: webA() });
    await context.addInitScript(NOTIFICATION_SPY);
    page = await context.newPage();
    nia = new ApiPerson(context, webA());
    const zoeContext = await browser.newContext({ viewport: DESKTOP });
    zoe = new ApiPerson(zoeContext, webB());
    await nia.register('1410', 'Nia Owner');
    await zoe.register('1430', 'Zoë Ångel');
    conversationId = await nia.connect(zoe, '1430*b.test');
    await nia.send('1430*b.test', 'Un café noir, s’il te plaît');
    await nia.send('1430*b.test', 'tea for two');
  });
  test.afterAll(async () => {
    await context?.close();
    await zoe?.context.close();
  });

  test('no notification while they are off, the default, even with the tab hidden', async () => {
    await page.goto(webA());
    await expect(page.getByTestId('conversation')).toHaveCount(1);
    await setHidden(page, true);
    await zoe.send('1410*a.test', 'first message, notifications off');
    await expect(page.getByTestId('conversation').first()).toContainText('first message, notifications off');
    expect(await shown(page)).toEqual([]);
    await setHidden(page, false);
  });

  test('switched on in Settings: a hidden tab shows the sender and the first words, a click opens the thread; a visible tab shows none', async () => {
    await page.goto(`${webA()}/settings`);
    const toggle = page.getByRole('switch', { name: 'Notifications' });
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await page.goto(webA());
    await expect(page.getByTestId('conversation')).toHaveCount(1);

    await zoe.send('1410*a.test', 'seen while looking at the inbox');
    await expect(page.getByTestId('conversation').first()).toContainText('seen while looking at the inbox');
    expect(await shown(page)).toEqual([]);

    await setHidden(page, true);
    const long = 'Are you coming to the café tonight at eight with everyone from the office and their friends too';
    await zoe.send('1410*a.test', long);
    await expect
      .poll(() => shown(page))
      .toEqual([{ title: 'Zoë Ångel', body: 'Are you coming to the café tonight at eight with everyone from …' }]);
    await setHidden(page, false);
    await page.evaluate(() => (window as unknown as { __last: { onclick: () => void } }).__last.onclick());
    await expect(page).toHaveURL(`${webA()}/c/${conversationId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Zoë Ångel' })).toBeVisible();
    // The open thread marked them read: on the node, then in the tab's title.
    await expect
      .poll(async () => (await nia.call('getConversation', { params: { conversationId } })).unreadCount)
      .toBe(0);
    await expect(page).toHaveTitle('Openmsg');

    // Still on after a reload (kept in this browser), and off again with the switch.
    await page.goto(`${webA()}/settings`);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(page).toHaveTitle('Openmsg');
    await setHidden(page, true);
    await zoe.send('1410*a.test', 'after switching off');
    await expect(page).toHaveTitle('(1) Openmsg'); // it arrived over the stream
    expect(await shown(page)).toEqual([]);
    await setHidden(page, false);
    // Moving to another page of the inbox keeps the count in the title (the page's own title is set on the way).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await expect(page).toHaveURL(`${webA()}/contacts`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page).toHaveTitle('(1) Openmsg');
  });

  test('says so when the browser refuses notifications', async ({ browser }) => {
    const refused = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    // The browser's answer: blocked for this site (as after "Block" on its permission prompt).
    await refused.addInitScript(() =>
      Object.defineProperty(Notification, 'permission', { get: () => 'denied', configurable: true }),
    );
    const refusedPage = await refused.newPage();
    expect(
      (
        await refused.request.post(`${webA()}${apiPath('login')}`, { data: { address: '1410', password: PASSWORD } })
      ).status(),
    ).toBe(200);
    await refusedPage.goto(`${webA()}/settings`);
    const toggle = refusedPage.getByRole('switch', { name: 'Notifications' });
    await toggle.click();
    await expect(refusedPage.getByRole('alert').filter({ hasText: 'blocks notifications' })).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await refused.close();
  });

  test('search finds contacts and messages whatever the case and accents, and marks what matched', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(webA());
      const search = page.getByRole('searchbox');
      await search.fill('CAFE');
      await expect(page.getByTestId('search-result')).toHaveCount(2);
      await expect(page.getByTestId('search-result').locator('mark').first()).toHaveText('café');
      await search.fill('zoe');
      await expect(page.getByTestId('search-contact')).toHaveCount(1);
      await expect(page.getByTestId('search-contact').locator('mark')).toHaveText('Zoë');
      await screenshot(page, test.info(), `search-contacts-${viewport === PHONE ? 'phone' : 'desktop'}`);
      await search.fill('1430*B');
      await expect(page.getByTestId('search-contact').locator('mark')).toHaveText('1430*b');
      await search.fill('café');
      await expect(page.getByTestId('search-contact')).toHaveCount(0);
      await expect(page.getByTestId('search-result')).toHaveCount(2);
      await expectNoSidewaysScroll(page, 'search results');
      await screenshot(page, test.info(), `search-${viewport === PHONE ? 'phone' : 'desktop'}`);
      await page.getByTestId('search-result').last().click();
      await expect(page).toHaveURL(`${webA()}/c/${conversationId}`);
    }
    await page.setViewportSize(DESKTOP);
  });

  test('Download my data gives a dated JSON file with every contact and message, texts opened', async () => {
    await page.goto(`${webA()}/settings`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^openmsg-export-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as DataExport;
    expect(data.account.address).toBe('1410*a.test');
    expect(data.contacts.map((contact) => contact.name)).toEqual(['Zoë Ångel']);
    expect(data.messages.map((message) => message.text)).toEqual(
      expect.arrayContaining([
        'Un café noir, s’il te plaît',
        'tea for two',
        'first message, notifications off',
        'after switching off',
      ]),
    );
    expect(data.messages).toHaveLength(6);
  });

  test('Delete my account: a wrong password deletes nothing; the right one signs out for good and the address stays taken', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      await page.goto(`${webA()}/settings`);
      await page.getByRole('button', { name: 'Delete my account…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
      await expect(dialog).toBeVisible();
      await dialog.getByLabel('Your password').fill('not the password');
      await dialog.getByRole('button', { name: 'Delete my account' }).click();
      await expect(dialog.getByRole('alert')).toContainText('the password is wrong: nothing was deleted');
      await expectNoSidewaysScroll(page, 'the delete dialog');
      await screenshot(page, test.info(), `delete-account-${viewport === PHONE ? 'phone' : 'desktop'}`);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    }
    expect((await page.request.get(`${webA()}${apiPath('me')}`)).status()).toBe(200);

    await page.getByRole('button', { name: 'Delete my account…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete your account for good?' });
    await dialog.getByLabel('Your password').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page).toHaveURL(`${webA()}/sign-in`);
    expect((await page.request.get(`${webA()}${apiPath('me')}`)).status()).toBe(401);

    await page.getByLabel('Address or number').fill('1410');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'wrong address or password' })).toBeVisible();

    const again = await page.request.post(`${webA()}${apiPath('register')}`, {
      data: { addressId: '1410', displayName: 'Someone New', password: PASSWORD },
    });
    expect(again.status()).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'address_taken' });

    // Zoë's node now hears SM_E001 for that address.
    const sent = await zoe.call('sendMessage', { body: { to: '1410*a.test', text: 'are you still there?' } });
    await expect
      .poll(async () => await zoe.call('getMessage', { params: { id: sent.id } }))
      .toMatchObject({ state: 'failed', failureCode: 'SM_E001' });
  });
});
