import AxeBuilder from '@axe-core/playwright';
import { apiPath } from '@openmsg/core/api';
import { type Browser, expect, type Page, test } from '@playwright/test';
import {
  DESKTOP,
  expectInsideViewport,
  expectNoSidewaysScroll,
  newPerson,
  PHONE,
  type ApiPerson,
  screenshot,
} from './messenger-helpers';
import { PASSWORD } from './people';

/**
 * Issue 25's rough edges, as new users met them: Pia (2601*a.test, desktop) talks to Quin (2602*b.test,
 * phone) and Rae (2603*b.test); Sol signs up on a phone with an 8-digit number.
 */
const webA = () => process.env.E2E_WEB_A as string;
const webB = () => process.env.E2E_WEB_B as string;
const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const rowOf = (page: Page, name: string) => page.getByTestId('conversation').filter({ hasText: name });

async function nodeControl(domain: string, action: 'stop' | 'start') {
  const response = await fetch(`${process.env.E2E_CONTROL}/nodes/${domain}/${action}`, { method: 'POST' });
  expect(response.status, await response.text()).toBe(204);
}

/** A page of its own signed in as `person` (its clock can be moved without touching the person's main page). */
async function pageWithClock(
  browser: Browser,
  person: ApiPerson,
  base: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const phone = viewport.width < 500;
  const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone });
  await context.addCookies(await person.context.cookies(base));
  return context.newPage();
}

/** Every axe violation, of any impact. */
async function axe(page: Page, what: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map(
    (one) => `${what}: ${one.id} (${one.impact}) ${one.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/** Which of the welcome address's pieces (the number with its *, the domain) were broken across lines, and the lines used. */
function addressLayout(page: Page) {
  return page.getByTestId('welcome-address').evaluate((element) => {
    const parts = Array.from(element.querySelectorAll('[data-address-part]'));
    const broken = parts.filter((part) => part.getClientRects().length > 1).map((part) => part.textContent);
    const tops = new Set(parts.map((part) => Math.round(part.getBoundingClientRect().top)));
    return { broken, lines: tops.size, fontSize: Number.parseFloat(getComputedStyle(element).fontSize) };
  });
}

test.describe.serial('rough edges (issue 25)', () => {
  let pia: { person: ApiPerson; page: Page };
  let quin: { person: ApiPerson; page: Page };
  let rae: { person: ApiPerson; page: Page };
  let piaToQuin = '';
  let quinToPia = '';
  const problems: string[] = [];

  test.beforeAll(async ({ browser }) => {
    pia = await newPerson(browser, webA(), DESKTOP);
    quin = await newPerson(browser, webB(), PHONE);
    rae = await newPerson(browser, webB(), DESKTOP);
    await pia.person.register('2601', 'Pia Edge');
    await quin.person.register('2602', 'Quin Edge');
    await rae.person.register('2603', 'Rae Edge');
    piaToQuin = await pia.person.connect(quin.person, '2602*b.test');
    await pia.person.connect(rae.person, '2603*b.test');
    await rae.person.send('2601*a.test', 'Hello from Rae');
    for (const text of ['First from Quin', 'Read https://example.com/notes first', 'Third from Quin'])
      await quin.person.send('2601*a.test', text);
    await pia.person.send('2602*b.test', 'Answer from Pia');
    const { items } = await quin.person.call('listConversations');
    quinToPia = items.find((item) => item.contact.address === '2601*a.test')?.id ?? '';
  });
  test.afterAll(async () => {
    for (const who of [pia, quin, rae]) await who?.person.context.close();
    expect(problems, 'axe').toEqual([]);
  });

  test('1. the welcome address wraps after the * or shrinks, never inside the number or the domain', async ({
    browser,
  }) => {
    const testInfo = test.info();
    const { page, person } = await newPerson(browser, webA(), PHONE);
    await page.goto(`${webA()}/sign-up`);
    await page.getByLabel('Your number (optional)').fill('97299750');
    await page.getByLabel('Display name').fill('Sol Edge');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByTestId('welcome-address')).toHaveText('97299750*a.test');
    // A phone: on one line, still large.
    let layout = await addressLayout(page);
    expect(layout).toMatchObject({ broken: [], lines: 1 });
    expect(layout.fontSize).toBeGreaterThanOrEqual(28);
    await expectNoSidewaysScroll(page, 'welcome 390');
    problems.push(...(await axe(page, 'welcome phone')));
    await screenshot(page, testInfo, 'edges-welcome-phone');
    // A narrow phone (280 px): the number and the domain each on its line, each whole.
    await page.setViewportSize({ width: 280, height: 653 });
    await expect.poll(async () => (await addressLayout(page)).lines).toBe(2);
    layout = await addressLayout(page);
    expect(layout.broken).toEqual([]);
    expect(layout.fontSize).toBeGreaterThanOrEqual(16);
    // (Only the header's navigation scrolls sideways at this width, as it is meant to.)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectInsideViewport(page, '[data-address-part]');
    await screenshot(page, testInfo, 'edges-welcome-narrow-phone');
    // A desktop: one line at the full size.
    await page.setViewportSize(DESKTOP);
    await expect.poll(async () => (await addressLayout(page)).fontSize).toBe(36);
    expect(await addressLayout(page)).toMatchObject({ broken: [], lines: 1 });
    await screenshot(page, testInfo, 'edges-welcome-desktop');
    await person.context.close();
  });

  test('2. opening a conversation by keyboard puts focus in the composer; the messages are one Tab stop with arrows inside', async () => {
    test.slow(); // a long keyboard walk and axe: a loaded machine needs more than 90 s
    const testInfo = test.info();
    const { page } = pia;
    await page.goto(webA());
    await expect(page.getByTestId('conversation')).toHaveCount(2);
    // j moves to a row (focus stays there, so k/j go on browsing); Enter opens it for writing.
    const quinRow = rowOf(page, 'Quin Edge');
    for (let presses = 0; presses < 3 && !(await quinRow.evaluate((row) => row === document.activeElement)); presses++)
      await page.keyboard.press('j');
    await expect(quinRow).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(composerOf(page)).toBeFocused();
    await expect(page).toHaveURL(`${webA()}/c/${piaToQuin}`);

    // One Tab stop in the message list: the newest message (no "⋯" button, link or region of its own).
    const scroller = page.getByTestId('message-scroller');
    await expect(page.getByTestId('message')).toHaveCount(4);
    const tabStops = () =>
      scroller.evaluate(
        (element) =>
          Array.from(element.querySelectorAll<HTMLElement>('a[href], button, [tabindex]')).filter(
            (one) => one.tabIndex >= 0,
          ).length + (element.tabIndex >= 0 ? 1 : 0),
      );
    expect(await tabStops()).toBe(1);
    const messages = page.getByTestId('message');
    const newest = messages.last();
    await expect(newest).toHaveAttribute('tabindex', '0');
    // From the composer, Shift+Tab reaches the thread in at most two steps (past the attach button).
    let steps = 0;
    while (!(await newest.evaluate((element) => element === document.activeElement)) && steps < 4) {
      await page.keyboard.press('Shift+Tab');
      steps++;
    }
    await expect(newest).toBeFocused();
    expect(steps).toBeLessThanOrEqual(2);
    await screenshot(page, testInfo, 'edges-roving-focus-desktop');

    // ↑ moves to the message before; → walks its link and its actions button; Enter opens the menu.
    await page.keyboard.press('ArrowUp');
    const third = messages.filter({ hasText: 'Third from Quin' });
    await expect(third).toBeFocused();
    await page.keyboard.press('ArrowUp');
    const withLink = messages.filter({ hasText: 'Read https://example.com/notes first' });
    await expect(withLink).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(withLink.getByRole('link', { name: 'https://example.com/notes' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    const actions = withLink.getByRole('button', { name: 'Message actions' });
    await expect(actions).toBeFocused();
    await expect(actions).toHaveCSS('opacity', '1');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Copy text' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(actions).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(withLink).toBeFocused();
    // Enter on a message opens its menu too.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu', { name: 'Message actions' })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Home');
    await expect(messages.first()).toBeFocused();
    await page.keyboard.press('End');
    await expect(newest).toBeFocused();
    await page.keyboard.press('ArrowUp');
    // Still one Tab stop, now the message last focused: Tab leaves the thread and Shift+Tab comes back to it.
    expect(await tabStops()).toBe(1);
    await page.keyboard.press('Tab');
    await expect(third).not.toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(third).toBeFocused();
    problems.push(...(await axe(page, 'thread with roving focus')));

    // A mouse click on a row opens it for writing too.
    await rowOf(page, 'Rae Edge').click();
    await expect(composerOf(page)).toBeFocused();
    await rowOf(page, 'Quin Edge').click();
    await expect(composerOf(page)).toBeFocused();
  });

  test('2. on a phone a tap opens the thread without the keyboard popping up', async () => {
    const { page } = quin;
    await page.goto(webB());
    await rowOf(page, 'Pia Edge').tap();
    await expect(page).toHaveURL(`${webB()}/c/${quinToPia}`);
    await expect(composerOf(page)).toBeVisible();
    await expect(composerOf(page)).not.toBeFocused();
  });

  test('3. an unknown address is refused like a wrong code, and the sentence says the address may be mistyped', async () => {
    test.slow(); // two screens, axe on each: a loaded machine needs more than 90 s
    const testInfo = test.info();
    for (const { page, base, shot } of [
      { page: pia.page, base: webA(), shot: 'edges-connect-refused-desktop' },
      { page: quin.page, base: webB(), shot: 'edges-connect-refused-phone' },
    ]) {
      const said: string[] = [];
      for (const address of ['2699*b.test', '2603*b.test']) {
        await page.goto(`${base}/connect`);
        await page.getByLabel('Their address').fill(address);
        await page.getByLabel('Pass code').fill('000000');
        await page.getByRole('button', { name: /^Connect$/ }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'The pass code was not accepted' });
        await expect(alert).toContainText('the code or the address may be mistyped');
        await expect(alert).toContainText('Check both; if they are right, ask them for a new one.');
        said.push(await page.getByTestId('connect-error').innerText());
      }
      // The same words for an address that does not exist and one that does: nothing tells them apart.
      expect(said[0]).toBe(said[1]);
      problems.push(...(await axe(page, shot)));
      await screenshot(page, testInfo, shot);
    }
  });

  test('4. an unreachable node: one sentence of what failed and one of what to do', async () => {
    const testInfo = test.info();
    const { page } = pia;
    await nodeControl('b.test', 'stop');
    try {
      await page.goto(`${webA()}/connect`);
      await page.getByLabel('Their address').fill('2603*b.test');
      await page.getByLabel('Pass code').fill('123456');
      await page.getByRole('button', { name: /^Connect$/ }).click();
      const error = page.getByTestId('connect-error');
      await expect(error).toHaveText('The node for b.test could not be reached.');
      const alert = page.getByRole('alert').filter({ has: error });
      const said = (await alert.innerText()).split('\n').filter((line) => !line.startsWith('Details:'));
      expect(said).toEqual([
        'The node for b.test could not be reached.',
        'Check the part after the * in the address; if it is right, try again later.',
      ]);
      problems.push(...(await axe(page, 'connect unreachable')));
      await screenshot(page, testInfo, 'edges-connect-unreachable-desktop');
    } finally {
      await nodeControl('b.test', 'start');
    }
  });

  test('5. an expired pass code says so and offers a new code instead of copy and QR (phone and desktop)', async ({
    browser,
  }) => {
    test.slow(); // two screens, axe on each: a loaded machine needs more than 90 s
    const testInfo = test.info();
    for (const { who, base, shot } of [
      { who: quin, base: webB(), shot: 'edges-pass-code-expired-phone' },
      { who: pia, base: webA(), shot: 'edges-pass-code-expired-desktop' },
    ]) {
      const page = await pageWithClock(browser, who.person, base, who === quin ? PHONE : DESKTOP);
      await page.clock.install();
      await page.goto(`${base}/passcodes`);
      await page.getByLabel('Note (optional)').fill('for Tom');
      await page.getByRole('button', { name: 'Generate pass code' }).click();
      const first = (await page.getByTestId('pass-code').innerText()).replace(/\s/g, '');
      await expect(page.getByRole('button', { name: 'Copy code' })).toBeVisible();
      await page.clock.fastForward('01:00:02');
      const expired = page.getByRole('region', { name: 'Expired pass code' });
      await expect(expired).toContainText('This pass code has expired');
      for (const gone of ['Copy code', 'Copy share text', 'Copy link'])
        await expect(page.getByRole('button', { name: gone })).toHaveCount(0);
      await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);
      await expect(page.getByTestId('pass-code')).toHaveCount(0);
      problems.push(...(await axe(page, shot)));
      await screenshot(page, testInfo, shot);
      // Back to the real time (the node's), then a new code with the same note.
      await page.clock.setSystemTime(new Date());
      await expired.getByRole('button', { name: 'Make a new code' }).click();
      await expect(page.getByRole('button', { name: 'Copy code' })).toBeVisible();
      await expect(page.getByTestId('pass-code-title')).toContainText('Note: for Tom');
      expect((await page.getByTestId('pass-code').innerText()).replace(/\s/g, '')).not.toBe(first);
      await page.context().close();
    }
  });

  test('6. a day later the list says "Yesterday", as the thread separator does', async ({ browser }) => {
    const page = await pageWithClock(browser, pia.person, webA(), DESKTOP);
    // From the newest message's own time, not the test's: a run that crosses midnight moves "today" with it.
    const { items } = await pia.person.call('conversationMessages', {
      params: { conversationId: piaToQuin },
      query: { limit: 1 },
    });
    const newest = Date.parse(items[0]!.createdAt);
    const separator = page.getByTestId('day-separator').last();
    await page.clock.setFixedTime(new Date(newest + 86_400_000));
    await page.goto(`${webA()}/c/${piaToQuin}`);
    await expect(separator).toHaveText('Yesterday');
    await expect(rowOf(page, 'Quin Edge').locator('time')).toHaveText('Yesterday');
    await page.clock.setFixedTime(new Date(newest + 3 * 86_400_000));
    await page.reload();
    const [long, short] = await page.evaluate((ms) => {
      const written = new Date(ms);
      return [
        written.toLocaleDateString('en', { weekday: 'long' }),
        written.toLocaleDateString('en', { weekday: 'short' }),
      ];
    }, newest);
    await expect(separator).toContainText(long);
    await expect(rowOf(page, 'Quin Edge').locator('time')).toHaveText(short);
    await page.context().close();
  });

  test('7. changing the password: the last error goes on submit, and the button is busy meanwhile', async () => {
    const testInfo = test.info();
    const { page } = pia;
    await page.goto(`${webA()}/settings`);
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Password' }) });
    await form.getByLabel('Current password').fill('not my password');
    await form.getByLabel('New password').fill('a brand new password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByRole('alert')).toBeVisible();
    // The next try is held for a moment by the test (the real answer, delayed): meanwhile no stale error, a busy button.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**${apiPath('changePassword')}`, async (route) => {
      await held;
      await route.continue();
    });
    await form.getByLabel('Current password').fill('still not my password');
    await form.getByRole('button', { name: 'Change password' }).click();
    const busy = form.getByRole('button', { name: 'Changing password…' });
    await expect(busy).toHaveAttribute('aria-busy', 'true');
    await expect(busy).toBeDisabled();
    await expect(form.getByRole('alert')).toHaveCount(0);
    problems.push(...(await axe(page, 'settings busy')));
    await screenshot(page, testInfo, 'edges-password-busy-desktop');
    release();
    await expect(form.getByRole('alert')).toBeVisible();
    await expect(form.getByRole('button', { name: 'Change password' })).toHaveAttribute('aria-busy', 'false');
    await page.unroute(`**${apiPath('changePassword')}`);
  });

  test('8. a message over the limit says by how much and what to do, linked to the box, and Enter announces it', async () => {
    test.slow(); // two screens, axe on each: a loaded machine needs more than 90 s
    const testInfo = test.info();
    for (const { page, base, id, shot } of [
      { page: quin.page, base: webB(), id: quinToPia, shot: 'edges-too-long-phone' },
      { page: pia.page, base: webA(), id: piaToQuin, shot: 'edges-too-long-desktop' },
    ]) {
      await page.goto(`${base}/c/${id}`);
      const composer = composerOf(page);
      await composer.fill('a'.repeat(100_000));
      const counter = page.getByTestId('char-counter');
      await expect(counter).toHaveClass(/text-red-600/);
      const max = Number((await counter.innerText()).split('/')[1]);
      const over = 100_000 - max;
      const sentence = `${over.toLocaleString('en')} characters over the limit of ${max.toLocaleString('en')}: shorten it, or send it as a file.`;
      await expect(page.getByTestId('composer-too-long')).toHaveText(sentence);
      await expect(composer).toHaveAccessibleDescription(
        new RegExp(`^${sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
      const send = page.getByRole('button', { name: 'Send' });
      await expect(send).toBeDisabled();
      await expect(send).toHaveAccessibleDescription(sentence);
      await expect(page.getByTestId('composer-too-long-alert')).toHaveText('');
      await composer.press('Enter');
      await expect(page.getByTestId('composer-too-long-alert')).toHaveText(sentence);
      await expect(composer).toHaveValue('a'.repeat(100_000)); // nothing sent, nothing lost
      problems.push(...(await axe(page, shot)));
      await screenshot(page, testInfo, shot);
      await composer.fill('');
      await expect(page.getByTestId('composer-too-long')).toHaveCount(0);
    }
  });

  test('9. a conversation with a draft shows "Draft: …" in the list, live, in this tab and another', async () => {
    test.slow(); // two screens, axe on each: a loaded machine needs more than 90 s
    const testInfo = test.info();
    const { page } = pia;
    await page.goto(`${webA()}/c/${piaToQuin}`);
    const preview = rowOf(page, 'Quin Edge').getByTestId('last-message');
    await expect(preview).toHaveText('You: Answer from Pia');
    await composerOf(page).fill('Half a   thought\nand more');
    await expect(preview).toHaveText('Draft: Half a thought and more');
    await expect(preview.getByTestId('draft-label')).toHaveText('Draft:');
    // Switching away keeps it; another tab writing or clearing the draft updates this list.
    await rowOf(page, 'Rae Edge').click();
    await expect(preview).toHaveText('Draft: Half a thought and more');
    await screenshot(page, testInfo, 'edges-draft-desktop');
    const other = await page.context().newPage();
    await other.goto(`${webA()}/c/${piaToQuin}`);
    await expect(composerOf(other)).toHaveValue('Half a   thought\nand more');
    await composerOf(other).fill('Changed in the other tab');
    await expect(preview).toHaveText('Draft: Changed in the other tab');
    await composerOf(other).fill('');
    await expect(preview).toHaveText('You: Answer from Pia');
    await other.close();
    // Sending clears it.
    await rowOf(page, 'Quin Edge').click();
    await composerOf(page).fill('Sent at last');
    await expect(preview).toHaveText('Draft: Sent at last');
    await composerOf(page).press('Enter');
    await expect(preview).toHaveText('You: Sent at last');
    problems.push(...(await axe(page, 'list with draft')));

    // A phone shows it in the list too.
    await quin.page.goto(`${webB()}/c/${quinToPia}`);
    await composerOf(quin.page).fill('A reply for later');
    await quin.page.getByRole('link', { name: 'Back to conversations' }).click();
    await expect(rowOf(quin.page, 'Pia Edge').getByTestId('last-message')).toHaveText('Draft: A reply for later');
    problems.push(...(await axe(quin.page, 'phone list with draft')));
    await screenshot(quin.page, testInfo, 'edges-draft-phone');
  });
});
