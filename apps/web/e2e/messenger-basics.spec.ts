import { expect, type Page, test } from '@playwright/test';
import {
  DESKTOP,
  expectInsideViewport,
  expectNoSidewaysScroll,
  LONG_TEXTS,
  newPerson,
  PHONE,
  type ApiPerson,
  screenshot,
} from './messenger-helpers';

/**
 * Issue 14, "Broken": Eve (50*a.test, desktop) and Fay (60*b.test, phone) write texts with no place
 * to break; Eve also talks to Gus (70*b.test). Long words wrap, drafts survive switching and
 * reloading, and offline the inbox stays usable, what is written waiting to be sent.
 */
test.describe.serial('a messenger that holds up: long words, drafts, offline', () => {
  let eve: { person: ApiPerson; page: Page };
  let fay: { person: ApiPerson; page: Page };
  let gus: { person: ApiPerson; page: Page };
  let eveToFay = '';
  let eveToGus = '';
  let fayToEve = '';

  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;
  const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
  const conversationNamed = (page: Page, name: string) => page.getByTestId('conversation').filter({ hasText: name });

  test.beforeAll(async ({ browser }) => {
    eve = await newPerson(browser, webA(), DESKTOP);
    fay = await newPerson(browser, webB(), PHONE);
    gus = await newPerson(browser, webB(), DESKTOP);
    await eve.person.register('50', 'Eve Long');
    await fay.person.register('60', 'Fay Wide');
    await gus.person.register('70', 'Gus Draft');
    eveToGus = await eve.person.connect(gus.person, '70*b.test');
    eveToFay = await eve.person.connect(fay.person, '60*b.test');
    await eve.person.send('70*b.test', 'Hi Gus');
    for (const text of LONG_TEXTS.slice(-2)) await eve.person.send('60*b.test', text);
    for (const text of LONG_TEXTS) await fay.person.send('50*a.test', text);
  });
  test.afterAll(async () => {
    for (const who of [eve, fay, gus]) await who?.person.context.close();
  });

  test('long tokens, URLs, emoji runs and RTL words wrap in the thread, the list and search (desktop)', async () => {
    const testInfo = test.info();
    const { page } = eve;
    await page.goto(webA());
    await expect(conversationNamed(page, 'Fay Wide').getByTestId('last-message')).toContainText('9f86d081884c7d659a2f');
    await expectNoSidewaysScroll(page, 'conversation list');

    await conversationNamed(page, 'Fay Wide').click();
    await expect(page.getByRole('heading', { name: 'Fay Wide' })).toBeVisible();
    await expect(page.getByTestId('message')).toHaveCount(LONG_TEXTS.length + 2);
    await expectNoSidewaysScroll(page, 'thread');
    await expectInsideViewport(page, '[data-testid=message], button[type=submit]');
    await expect(page.getByRole('button', { name: 'Send' })).toBeInViewport();
    await screenshot(page, testInfo, 'long-tokens-thread-desktop');

    await page.reload();
    await expect(page.getByTestId('message')).toHaveCount(LONG_TEXTS.length + 2);
    await expectNoSidewaysScroll(page, 'thread after a reload');

    await page.getByRole('searchbox', { name: 'Search contacts and messages' }).fill('aaaaaaaa');
    await expect(page.getByTestId('search-result')).toHaveCount(1);
    await expectNoSidewaysScroll(page, 'search results');
    await page.getByRole('searchbox', { name: 'Search contacts and messages' }).fill('');
  });

  test('… and on a phone, for the one who sent them', async () => {
    const testInfo = test.info();
    const { page } = fay;
    await page.goto(webB());
    await expect(conversationNamed(page, 'Eve Long').getByTestId('last-message')).toContainText('9f86d081884c7d659a2f');
    await expectNoSidewaysScroll(page, 'conversation list (phone)');

    await page.getByRole('searchbox', { name: 'Search contacts and messages' }).fill('9f86d081');
    await expect(page.getByTestId('search-result')).toHaveCount(2);
    await expectNoSidewaysScroll(page, 'search results (phone)');
    await page.getByTestId('search-result').first().click();

    await expect(page.getByRole('heading', { name: 'Eve Long' })).toBeVisible();
    await expect(page.getByTestId('message')).toHaveCount(LONG_TEXTS.length + 2);
    await expectNoSidewaysScroll(page, 'thread (phone)');
    await expectInsideViewport(page, '[data-testid=message], button[type=submit]');
    await expect(page.getByRole('button', { name: 'Send' })).toBeInViewport();
    await screenshot(page, testInfo, 'long-tokens-thread-phone');
    fayToEve = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(fayToEve).not.toBe('');
  });

  test('an unsent draft stays with its conversation through switching and reloading, and goes on send', async () => {
    const { page } = eve;
    await page.goto(`${webA()}/c/${eveToFay}`);
    await composerOf(page).fill('Half a thought for Fay');
    await conversationNamed(page, 'Gus Draft').click();
    await expect(page.getByRole('heading', { name: 'Gus Draft' })).toBeVisible();
    await expect(composerOf(page)).toHaveValue('');
    await composerOf(page).fill('Gus, about tomorrow');

    await page.goBack(); // switching is a history entry of its own
    await expect(page.getByRole('heading', { name: 'Fay Wide' })).toBeVisible();
    await expect(composerOf(page)).toHaveValue('Half a thought for Fay');
    await page.reload();
    await expect(composerOf(page)).toHaveValue('Half a thought for Fay');
    await conversationNamed(page, 'Gus Draft').click();
    await expect(composerOf(page)).toHaveValue('Gus, about tomorrow');

    await conversationNamed(page, 'Fay Wide').click();
    await composerOf(page).press('Enter');
    await expect(page.getByTestId('message').last()).toContainText('Half a thought for Fay');
    await expect(composerOf(page)).toHaveValue('');
    await page.reload();
    await expect(page.getByTestId('message').last()).toContainText('Half a thought for Fay');
    await expect(composerOf(page)).toHaveValue('');
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('openmsg:draft:')));
    expect(kept).toEqual([expect.stringContaining(eveToGus)]);
  });

  test('offline: loaded conversations stay usable, a banner says so, a message written waits and goes once back online', async () => {
    const { page, person } = eve;
    const errorPages: string[] = []; // full page loads: offline, the browser's error page
    page.on('load', () => errorPages.push(page.url()));
    await page.goto(`${webA()}/c/${eveToGus}`);
    await expect(page.getByRole('heading', { name: 'Gus Draft' })).toBeVisible();
    await conversationNamed(page, 'Fay Wide').click();
    await expect(page.getByRole('heading', { name: 'Fay Wide' })).toBeVisible();
    errorPages.length = 0;

    await person.context.setOffline(true);
    const banner = page.getByRole('status').filter({ hasText: 'Offline — showing saved messages' });
    await expect(banner).toBeVisible();
    await conversationNamed(page, 'Gus Draft').click();
    await expect(page.getByRole('heading', { name: 'Gus Draft' })).toBeVisible();
    await expect(page).toHaveURL(`${webA()}/c/${eveToGus}`);
    await conversationNamed(page, 'Fay Wide').click();
    await expect(page.getByRole('heading', { name: 'Fay Wide' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Fay Wide' })).toBeVisible();
    expect(errorPages, 'no full page load while offline').toEqual([]);

    // Written offline: it waits in the outbox (e2e/offline.spec.ts for reloads, order and tabs), not in the thread.
    await composerOf(page).fill('Written on the train');
    await composerOf(page).press('Enter');
    await expect(composerOf(page)).toHaveValue('');
    const waiting = page.getByTestId('waiting-message').filter({ hasText: 'Written on the train' });
    await expect(waiting).toContainText('Waiting for connection');
    await expect(page.getByTestId('message').filter({ hasText: 'Written on the train' })).toHaveCount(0);

    await person.context.setOffline(false);
    await expect(banner).toBeHidden();
    await expect(page.getByTestId('message').last()).toContainText('Written on the train');
    await expect(page.getByTestId('message').last()).toHaveAttribute('data-state', 'delivered');
    await expect(waiting).toHaveCount(0);
    await expect(fay.page.getByTestId('message').last()).toContainText('Written on the train');
    expect(errorPages).toEqual([]);
  });
});
