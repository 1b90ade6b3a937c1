import { apiPath } from '@openmsg/core/api';
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { PASSWORD, signUp } from './people';

const RLO = '\u202E'; // RIGHT-TO-LEFT OVERRIDE: shows what follows it reversed
/** As typed: an override before "fdp.exe" would show it as "exe.pdf", in the link text too. */
const TRICK = `invoice ${RLO}fdp.exe at https://files.example/${RLO}fdp.exe ok`;
const SHOWN = 'invoice fdp.exe at https://files.example/fdp.exe ok';

/**
 * Cat (30*a.test) and Dan (40*b.test): the pages' Content-Security-Policy (nonces, no inline
 * scripts) holds without one violation through sign-up, sign-in, a pass code with its QR code,
 * connecting, a message arriving live and Settings; message text with direction overrides is
 * shown in the order it was written, in the thread, the conversation list and search results; a
 * new password revokes the access tokens.
 */
test.describe.serial('inbox security: policy, message display, password change', () => {
  let catContext: BrowserContext;
  let danContext: BrowserContext;
  let cat: Page;
  let dan: Page;
  const violations: string[] = [];

  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;
  const nav = (page: Page, name: string) =>
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: false });

  async function openUser(browser: Browser, who: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${who}: ${message.text()}`);
    });
    page.on('pageerror', (error) => violations.push(`${who}: page error ${error.message}`));
    return { context, page };
  }

  /** The letters of `element` in the order they appear on screen: top to bottom, left to right. */
  function lettersAsShown(element: Locator): Promise<string> {
    return element.evaluate((root) => {
      const glyphs: Array<{ letter: string; x: number; y: number }> = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          if (!/[a-z]/i.test(text[i] as string)) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const box = range.getBoundingClientRect();
          glyphs.push({ letter: text[i] as string, x: box.left, y: Math.round(box.top / 4) });
        }
      }
      return glyphs
        .sort((one, other) => one.y - other.y || one.x - other.x)
        .map((glyph) => glyph.letter)
        .join('');
    });
  }
  const lettersOf = (text: string) => text.replace(/[^a-z]/gi, '');

  test.beforeAll(async ({ browser }) => {
    ({ context: catContext, page: cat } = await openUser(browser, 'Cat'));
    ({ context: danContext, page: dan } = await openUser(browser, 'Dan'));
  });
  test.afterAll(async () => {
    await catContext?.close();
    await danContext?.close();
  });

  test('pages carry a nonce-based policy: default-src and script-src, no inline scripts allowed', async () => {
    const first = await cat.goto(`${webA()}/sign-in`);
    const policy = first?.headers()['content-security-policy'] ?? '';
    const directives = new Map(
      policy
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    const scriptSrc = directives.get('script-src') ?? [];
    expect(scriptSrc.some((value) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(value))).toBe(true);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(first?.headers()['x-frame-options']).toBe('DENY');
    expect(first?.headers()['x-content-type-options']).toBe('nosniff');

    // Every script of the page's HTML carries this response's nonce, and the next response gets another one.
    // Scripts added later by those (a chunk loaded on demand, such as the client and route table that
    // sign-in loads with its first call) are trusted through 'strict-dynamic': files of this origin only.
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    const scripts = await cat.locator('script').evaluateAll((elements) =>
      elements.map((script) => ({
        nonce: (script as HTMLScriptElement).nonce,
        src: (script as HTMLScriptElement).src,
      })),
    );
    const inHtml = scripts.filter((script) => script.nonce !== '');
    expect(inHtml.length).toBeGreaterThan(0);
    expect(new Set(inHtml.map((script) => script.nonce))).toEqual(new Set([nonce]));
    for (const added of scripts.filter((script) => script.nonce === ''))
      expect(added.src).toMatch(new RegExp(`^${webA().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/_next/static/chunks/`));
    const second = await cat.request.get(`${webA()}/sign-in`);
    expect(second.headers()['content-security-policy']).not.toBe(policy);
  });

  test('sign-up, sign-in, a pass code with its QR code and connecting raise no policy violation', async () => {
    await signUp(dan, webB(), '40', 'Dan Brown');
    await nav(dan, 'Pass codes').click();
    await dan.getByRole('button', { name: 'Generate pass code' }).click();
    const code = (await dan.getByTestId('pass-code').innerText()).replace(/\s/g, '');
    const qr = dan.getByRole('img', { name: /QR code of 40\*b\.test/ });
    await expect(qr).toBeVisible();
    await expect.poll(() => qr.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    await signUp(cat, webA(), '30', 'Cat Green');
    await nav(cat, 'Settings').click();
    await cat.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(cat.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await cat.getByLabel('Address or number').fill('30');
    await cat.getByLabel('Password').fill(PASSWORD);
    await cat.getByRole('button', { name: 'Sign in' }).click();
    await expect(cat.getByRole('navigation', { name: 'Main' })).toBeVisible();

    await nav(cat, 'Connect').click();
    await cat.getByLabel('Their address').fill('40*b.test');
    await cat.getByLabel('Pass code').fill(code);
    await cat.getByRole('button', { name: 'Connect' }).click();
    await expect(cat.getByRole('heading', { name: 'Dan Brown' })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('a message with direction overrides reads in the order it was written, everywhere it is shown', async () => {
    await nav(dan, 'Inbox').click();
    const composer = cat.getByRole('textbox', { name: 'Message', exact: true });
    await composer.fill(TRICK);
    await composer.press('Enter');
    await expect(cat.getByTestId('message').last()).toHaveAttribute('data-state', 'delivered');

    // Dan's inbox updates live (over the event stream), and the preview is in written order.
    const conversation = dan.getByTestId('conversation').filter({ hasText: 'Cat Green' });
    await expect(conversation.getByTestId('unread-badge')).toHaveText('1');
    const preview = conversation.getByTestId('last-message');
    await expect(preview).toHaveText(SHOWN);
    expect(await lettersAsShown(preview)).toBe(lettersOf(SHOWN));

    await conversation.click();
    const bubble = dan.getByTestId('message').last();
    await expect(bubble).toContainText(SHOWN);
    expect(await lettersAsShown(bubble.locator('[dir="auto"]'))).toBe(lettersOf(SHOWN));
    const link = bubble.getByRole('link');
    await expect(link).toHaveText('https://files.example/fdp.exe');
    await expect(link).toHaveAttribute('href', 'https://files.example/fdp.exe');
    expect(await lettersAsShown(link)).toBe('httpsfilesexamplefdpexe');

    // The sender's own views too.
    const sent = cat.getByTestId('message').last();
    expect(await lettersAsShown(sent.locator('[dir="auto"]'))).toBe(lettersOf(SHOWN));
    await nav(cat, 'Inbox').click();
    const ownPreview = cat.getByTestId('conversation').filter({ hasText: 'Dan Brown' }).getByTestId('last-message');
    await expect(ownPreview).toHaveText(`You: ${SHOWN}`);
    expect(await lettersAsShown(ownPreview)).toBe(lettersOf(`You: ${SHOWN}`));

    await dan.getByRole('searchbox', { name: 'Search contacts and messages' }).fill('fdp');
    const result = dan.getByTestId('search-result-text');
    await expect(result).toHaveCount(1);
    await expect(result).toHaveText(SHOWN);
    expect(await lettersAsShown(result)).toBe(lettersOf(SHOWN));
    expect(violations).toEqual([]);
  });

  test('a new password revokes the access tokens, and Settings says so', async () => {
    await nav(cat, 'Settings').click();
    for (const name of ['orders', 'stock']) {
      await cat.getByLabel('Token name').fill(name);
      await cat.getByRole('button', { name: 'Create token' }).click();
      await expect(
        cat.getByRole('list', { name: 'Access tokens' }).getByRole('listitem').filter({ hasText: name }),
      ).toBeVisible();
    }
    const token = (await cat.getByTestId('new-token').innerText()).trim();
    const me = () =>
      cat.request
        .get(`${webA()}${apiPath('me')}`, { headers: { authorization: `Bearer ${token}` } })
        .then((response) => response.status());
    expect(await me()).toBe(200);

    await cat.getByLabel('Current password').fill(PASSWORD);
    await cat.getByLabel('New password').fill('another long passphrase');
    await cat.getByRole('button', { name: 'Change password' }).click();
    await expect(cat.getByRole('status').filter({ hasText: 'Password changed' })).toContainText(
      'your 2 access tokens were revoked',
    );
    await expect(cat.getByRole('list', { name: 'Access tokens' }).getByRole('listitem')).toHaveCount(0);
    expect(await me()).toBe(401);
    await expect(cat.getByRole('navigation', { name: 'Main' })).toBeVisible(); // this session stays
    expect(violations).toEqual([]);
  });
});
