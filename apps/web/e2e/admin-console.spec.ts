import AxeBuilder from '@axe-core/playwright';
import { apiPath } from '@openmsg/core/api';
import { expect, type Page, test } from '@playwright/test';
import { type ApiPerson, DESKTOP, expectNoSidewaysScroll, newPerson, PHONE, screenshot } from './messenger-helpers';
import { PASSWORD } from './people';

const ADMIN_PAGES = [
  '/admin',
  '/admin/accounts',
  '/admin/invitations',
  '/admin/delivery',
  '/admin/storage',
  '/admin/check',
  '/admin/audit',
];

/**
 * Issue 22, the admin console: Ada (60*a.test) is made an admin with the admin CLI and uses the
 * console on a desktop and on a phone; Zed (61) and Yan (62) are the accounts she disables; Una (63)
 * has no role and sees no console.
 */
test.describe.serial('the admin console', () => {
  let desk: { person: ApiPerson; page: Page };
  let phone: { person: ApiPerson; page: Page };
  let una: { person: ApiPerson; page: Page };
  const webA = () => process.env.E2E_WEB_A as string;

  test.beforeAll(async ({ browser }) => {
    desk = await newPerson(browser, webA(), DESKTOP);
    phone = await newPerson(browser, webA(), PHONE);
    una = await newPerson(browser, webA(), DESKTOP);
    await desk.person.register('60', 'Ada Admin');
    await phone.person.call('login', { body: { address: '60', password: PASSWORD } });
    for (const [number, name] of [
      ['61', 'Zed Zimmer'],
      ['62', 'Yan Young'],
    ]) {
      const other = await newPerson(browser, webA(), DESKTOP);
      await other.person.register(number as string, name as string);
      await other.person.context.close();
    }
    await una.person.register('63', 'Una User');
    const granted = await fetch(`${process.env.E2E_CONTROL}/nodes/a.test/grant-admin/60`, { method: 'POST' });
    expect(granted.status, await granted.text()).toBe(204);
  });
  test.afterAll(async () => {
    for (const one of [desk, phone, una]) await one?.person.context.close();
  });

  const disable = async (page: Page, number: string, size: string) => {
    const testInfo = test.info();
    await page.goto(webA());
    // In the main navigation on a desktop, beside the logo on a phone (where the navigation's row is full).
    await page.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Number or name').fill(number);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByTestId('admin-account');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`${number}*a.test`);
    await row.getByRole('button', { name: `Disable ${number}*a.test` }).click();
    await expect(row.getByText('disabled', { exact: true })).toBeVisible();
    await expectNoSidewaysScroll(page, `accounts on ${size}`);
    await screenshot(page, testInfo, `admin-accounts-${size}`);

    const signIn = await page.context().browser()!.newContext({ viewport: DESKTOP });
    const refused = await signIn.request.post(`${webA()}${apiPath('login')}`, {
      data: { address: number, password: PASSWORD },
    });
    expect(refused.status()).toBe(401);
    await signIn.close();

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
    const entry = page.getByTestId('audit-entry').first();
    await expect(entry).toContainText('60*a.test');
    await expect(entry).toContainText('account.disable');
    await expect(entry).toContainText(`${number}*a.test`);
    await expectNoSidewaysScroll(page, `audit log on ${size}`);
    await screenshot(page, testInfo, `admin-audit-${size}`);
  };

  test('on a desktop, the admin finds an account, disables it (its owner cannot sign in) and sees the audit entry', async () => {
    await disable(desk.page, '61', 'desktop');
  });

  test('on a phone, the same', async () => {
    await disable(phone.page, '62', 'phone');
  });

  test('someone without the role sees no console: no link, and the page says it does not exist', async () => {
    const { page } = una;
    await page.goto(webA());
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await page.goto(`${webA()}/admin/accounts`);
    await expect(page.getByText('This page does not exist.')).toBeVisible();
    const answer = await una.person.request.get(`${webA()}${apiPath('adminAccounts')}`);
    expect(answer.status()).toBe(404);
  });

  test('axe finds no violation on any admin page, light and dark, desktop and phone', async () => {
    test.setTimeout(300_000);
    const found: string[] = [];
    for (const { page, size } of [
      { page: desk.page, size: 'desktop' },
      { page: phone.page, size: 'phone' },
    ]) {
      for (const route of ADMIN_PAGES) {
        await page.goto(`${webA()}${route}`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
        if (route === '/admin/check') {
          await page.getByRole('button', { name: 'Run the check' }).click();
          await expect(page.getByRole('list', { name: 'Checks' })).toBeVisible({ timeout: 60_000 });
          await screenshot(page, test.info(), `admin-check-${size}`);
        }
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          const { violations } = await new AxeBuilder({ page }).analyze();
          for (const violation of violations)
            found.push(
              `${size} ${colorScheme} ${route}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
            );
        }
        await page.emulateMedia({ colorScheme: 'light' });
      }
    }
    expect(found).toEqual([]);
  });
});
