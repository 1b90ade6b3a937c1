import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import path from 'node:path';
import { signUp } from './people';
import { startFirstRunStack } from './stack';

const SCREENSHOTS = path.join(__dirname, '../test-results/screenshots');

/**
 * The README's first run: `scripts/start.sh` gives one node for `localhost` and one inbox. Two
 * people sign up there, one hands the other a pass code, they connect and write both ways, live.
 * Ann is on a desktop, Ben on a phone.
 */
test.describe.serial('two people on one fresh node', () => {
  let stack: Awaited<ReturnType<typeof startFirstRunStack>>;
  let annContext: BrowserContext;
  let benContext: BrowserContext;
  let ann: Page;
  let ben: Page;
  let code = '';

  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: false });
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `first-run-${name}.png`), fullPage: true });
  const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

  test.beforeAll(async ({ browser }) => {
    stack = await startFirstRunStack();
    annContext = await browser.newContext({ viewport: { width: 1366, height: 850 } });
    benContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    ann = await annContext.newPage();
    ben = await benContext.newPage();
  });
  test.afterAll(async () => {
    await annContext?.close();
    await benContext?.close();
    await stack?.stop();
  });

  test("Ben (on a phone) signs up with a name like O'Neil's and generates a pass code", async () => {
    await signUp(ben, stack.web, '2000', 'Ben-Luc O’Neil');
    await nav(ben, 'Pass codes').click();
    await ben.getByRole('button', { name: 'Generate pass code' }).click();
    const shown = ben.getByTestId('pass-code');
    code = (await shown.innerText()).replace(/\s/g, '');
    expect(code).toMatch(/^[0-9]{6}$/);
    await expect(ben.getByText('for 2000*localhost')).toBeVisible();
    await shot(ben, 'pass-code-phone');
  });

  test('Ann (desktop) signs up and connects to Ben, typing his address with capitals', async () => {
    await signUp(ann, stack.web, '1000', "Ann O'Neil & Co.");
    await nav(ann, 'Connect').click();
    await ann.getByLabel('Their address').fill('2000*LocalHost');
    await ann.getByLabel('Pass code').fill(code);
    await ann.getByRole('button', { name: 'Connect' }).click();
    await expect(ann.getByRole('heading', { name: 'Ben-Luc O’Neil' })).toBeVisible();
    await shot(ann, 'connected-desktop');
  });

  test('they write to each other and see it arrive live, with unread counts', async () => {
    await composerOf(ann).fill('Hello Ben, we are on the same node');
    await composerOf(ann).press('Enter');
    await expect(ann.getByTestId('message').last()).toHaveAttribute('data-state', 'delivered');

    await nav(ben, 'Inbox').click();
    const conversation = ben.getByTestId('conversation').first();
    await expect(conversation).toContainText("Ann O'Neil & Co.");
    await expect(conversation.getByTestId('unread-badge')).toHaveText('1');
    await shot(ben, 'inbox-phone');
    await conversation.click();
    await expect(ben.getByTestId('message').last()).toContainText('Hello Ben, we are on the same node');

    await composerOf(ben).fill('Hi Ann! Got it.');
    await composerOf(ben).press('Enter');
    await expect(ben.getByTestId('message').last()).toHaveAttribute('data-state', 'delivered');
    await expect(ann.getByTestId('message').last()).toContainText('Hi Ann! Got it.');
    await shot(ann, 'thread-desktop');
    await shot(ben, 'thread-phone');
    expect(stack.nodeLogs()).not.toContain('same node');
  });

  test('the used code is refused with a sentence that says what to do', async () => {
    await nav(ann, 'Connect').click();
    await ann.getByLabel('Their address').fill('2000*localhost');
    await ann.getByLabel('Pass code').fill(code);
    await ann.getByRole('button', { name: 'Connect' }).click();
    const alert = ann.getByRole('alert').filter({ hasText: 'The pass code was not accepted' });
    await expect(alert).toContainText('ask them for a new one');
    await expect(alert.getByTestId('connect-error-detail')).toContainText('pass code not valid');
  });
});
