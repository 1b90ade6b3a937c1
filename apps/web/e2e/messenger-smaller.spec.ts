import { apiPath } from '@openmsg/core/api';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { DESKTOP, newPerson, PHONE, type ApiPerson } from './messenger-helpers';
import { PASSWORD } from './people';

/**
 * Issue 14, "Smaller": Hal (80*a.test) and Ida (90*b.test). The pass-code note, headings and
 * contrast (axe on every page, light and dark), a quiet console when signed out, a Connect form
 * without stale errors, and a sign-in that says which node this inbox serves.
 */
test.describe.serial('the smaller things', () => {
  let hal: { person: ApiPerson; page: Page };
  let ida: { person: ApiPerson; page: Page };
  let conversationId = '';

  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;
  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: false });

  test.beforeAll(async ({ browser }) => {
    hal = await newPerson(browser, webA(), DESKTOP);
    ida = await newPerson(browser, webB(), PHONE);
    await hal.person.register('80', 'Hal Small');
    await ida.person.register('90', 'Ida Note');
    conversationId = await hal.person.connect(ida.person, '90*b.test');
    await hal.person.send('90*b.test', 'Hello Ida');
    await ida.person.send('80*a.test', 'Hello Hal, see https://example.com');
  });
  test.afterAll(async () => {
    await hal?.person.context.close();
    await ida?.person.context.close();
  });

  test('a note written "for Alice" is shown once, not "for for Alice"', async () => {
    const { page } = ida;
    await page.goto(`${webB()}/passcodes`);
    await page.getByLabel('Note (optional)').fill('for Alice');
    await page.getByRole('button', { name: 'Generate pass code' }).click();
    await expect(page.getByTestId('pass-code-title')).toHaveText('Your pass code · Note: for Alice');
    await expect(page.getByRole('region', { name: 'New pass code' })).not.toContainText('for for');
  });

  test('the inbox and a thread have an h1, on a desktop and on a phone', async () => {
    for (const { page, base } of [
      { page: hal.page, base: webA() },
      { page: ida.page, base: webB() },
    ]) {
      await page.goto(base);
      await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toHaveCount(1);
      await page.getByTestId('conversation').first().click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    }
    await expect(hal.page.getByRole('heading', { level: 1, name: 'Ida Note' })).toBeVisible();
  });

  test('axe finds nothing critical or serious on any page, light or dark', async ({ browser }) => {
    test.slow(); // sixteen pages, axe on each: a loaded machine needs more than 90 s
    const signedOut = await browser.newContext({ viewport: DESKTOP });
    const outPage = await signedOut.newPage();
    const pages: Array<{ page: Page; url: string }> = [
      { page: outPage, url: `${webA()}/sign-in` },
      { page: outPage, url: `${webA()}/sign-up` },
      ...['/', `/c/${conversationId}`, '/connect', '/passcodes', '/contacts', '/settings'].map((route) => ({
        page: hal.page,
        url: `${webA()}${route}`,
      })),
    ];
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const { page, url } of pages) {
        await page.emulateMedia({ colorScheme });
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeAttached();
        await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
        const { violations } = await new AxeBuilder({ page }).analyze();
        for (const violation of violations.filter((one) => one.impact === 'critical' || one.impact === 'serious')) {
          found.push(
            `${colorScheme} ${new URL(url).pathname}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
          );
        }
      }
    }
    await hal.page.emulateMedia({ colorScheme: 'light' });
    await signedOut.close();
    expect(found).toEqual([]);
  });

  test('signed-out pages log no errors in the console, the inbox address included', async ({ browser }) => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(`${page.url()}: ${message.text()}`));
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    await page.goto(`${webA()}/sign-in`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.goto(`${webA()}/sign-up`);
    await expect(page.getByRole('heading', { name: 'Create your address' })).toBeVisible();
    await page.goto(`${webA()}/`);
    await expect(page).toHaveURL(`${webA()}/sign-in`);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.goto(`${webA()}/settings`);
    await expect(page).toHaveURL(`${webA()}/sign-in?next=%2Fsettings`); // where to go once signed in
    await context.close();
    expect(errors).toEqual([]);
  });

  test('a refusal on the Connect form goes once the fields are wrong in a new way', async () => {
    const { page } = hal;
    await page.goto(webA());
    await nav(page, 'Connect').click();
    await page.getByLabel('Their address').fill('90*b.test');
    await page.getByLabel('Pass code').fill('000 000');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByTestId('connect-error')).toBeVisible();
    await page.getByLabel('Their address').fill('ida at b.test');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByText('an address looks like 1234*example.com')).toBeVisible();
    await expect(page.getByTestId('connect-error')).toHaveCount(0);
  });

  test('signing in with another node’s address says which node this inbox serves, without asking the node', async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const logins: string[] = [];
    page.on('request', (request) => request.url().endsWith(apiPath('login')) && logins.push(request.url()));
    await page.goto(`${webA()}/sign-in`);
    await page.getByLabel('Address or number').fill('90*B.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'This inbox serves only a.test addresses' })).toBeVisible();
    expect(logins).toEqual([]);

    await page.getByLabel('Address or number').fill('80*A.test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(logins).toHaveLength(1);
    await context.close();
  });
});
