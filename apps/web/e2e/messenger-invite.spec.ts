import { apiPath } from '@openmsg/core/api';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, expect, type Page, test, type TestInfo } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeY4m } from './fake-camera';
import {
  DESKTOP,
  expectInsideViewport,
  expectNoSidewaysScroll,
  newPerson,
  PHONE,
  type ApiPerson,
  screenshot,
  SCREENSHOTS,
} from './messenger-helpers';
import { PASSWORD } from './people';

/**
 * Issue 14, the invitation flow: Jo (1401*a.test, desktop) and Kim (1402*b.test, phone) sign up
 * through the form and land on the welcome screen; Kim shares a pass code, Jo connects by pasting
 * the share text, by a link, and by scanning Kim's QR code with a (fake) camera. The inbox is
 * installable: a manifest, icons, and no 404 on any page.
 */
const ARTIFACTS = path.join(__dirname, '../test-results/artifacts');
const webA = () => process.env.E2E_WEB_A as string;
const webB = () => process.env.E2E_WEB_B as string;
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: false });
const addressField = (page: Page) => page.getByLabel('Their address');
const codeField = (page: Page) => page.getByLabel('Pass code');

/** A screenshot in test-results/screenshots, attached to the report, and kept under test-results/artifacts too. */
async function keepScreenshot(page: Page, testInfo: TestInfo, name: string) {
  await screenshot(page, testInfo, name);
  mkdirSync(ARTIFACTS, { recursive: true });
  copyFileSync(path.join(SCREENSHOTS, `${name}.png`), path.join(ARTIFACTS, `${name}.png`));
}

/** What React sees when text is pasted into a field (a real `paste` event with the text in its clipboardData). */
async function paste(page: Page, label: string, text: string) {
  await page.getByLabel(label).evaluate((input, pasted) => {
    input.focus();
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function signUpByForm(page: Page, base: string, number: string, name: string) {
  await page.goto(`${base}/sign-up`);
  await page.getByLabel('Your number (optional)').fill(number);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function axeProblems(page: Page, what: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((one) => one.impact === 'critical' || one.impact === 'serious')
    .map(
      (violation) =>
        `${what}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

test.describe.serial('the invitation: welcome, share, paste, link, scan, install', () => {
  let jo: { person: ApiPerson; page: Page };
  let kim: { person: ApiPerson; page: Page };

  test.beforeAll(async ({ browser }) => {
    jo = await newPerson(browser, webA(), DESKTOP);
    kim = await newPerson(browser, webB(), PHONE);
    await jo.person.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webA() });
    await kim.person.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webB() });
  });
  test.afterAll(async () => {
    for (const who of [jo, kim]) await who?.person.context.close();
  });

  test('after sign-up a welcome screen shows the address large with Copy and the next steps (desktop and phone)', async () => {
    const testInfo = test.info();
    for (const { who, base, number, domain, name, shot } of [
      { who: jo, base: webA(), number: '1401', domain: 'a.test', name: 'Jo Invite', shot: 'welcome-desktop' },
      { who: kim, base: webB(), number: '1402', domain: 'b.test', name: 'Kim Share', shot: 'welcome-phone' },
    ]) {
      const { page } = who;
      const address = `${number}*${domain}`;
      await signUpByForm(page, base, number, name);
      await expect(page).toHaveURL(`${base}/welcome`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${name}`);
      await expect(page.getByTestId('welcome-address')).toHaveText(address);
      expect(
        Number.parseFloat(
          await page.getByTestId('welcome-address').evaluate((element) => getComputedStyle(element).fontSize),
        ),
      ).toBeGreaterThanOrEqual(28);
      await page.getByRole('button', { name: 'Copy address' }).click();
      await expect(page.getByText('Address copied.')).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(address);
      await expect(page.getByRole('link', { name: 'Share a pass code' })).toHaveAttribute('href', '/passcodes');
      await expect(page.getByRole('link', { name: 'Connect with someone’s code' })).toHaveAttribute('href', '/connect');
      // The address stays in sight on every page, in the header, on a phone too.
      await expect(page.getByTestId('own-address')).toBeInViewport();
      await expect(page.getByTestId('own-address')).toContainText(address);
      await expectNoSidewaysScroll(page, `welcome ${shot}`);
      await expectInsideViewport(page, '[data-testid=welcome-address], [data-testid=own-address]');
      await keepScreenshot(page, testInfo, shot);
      await page.getByRole('link', { name: 'Go to your inbox' }).click();
      await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();
      await expect(page.getByTestId('own-address')).toBeInViewport();
    }
  });

  test('pasting the share text into either field fills both, and nothing is sent until Connect is pressed', async () => {
    const { page } = kim;
    await nav(page, 'Pass codes').click();
    await page.getByRole('button', { name: 'Generate pass code' }).click();
    const code = (await page.getByTestId('pass-code').innerText()).replace(/\s/g, '');
    await page.getByRole('button', { name: 'Copy share text' }).click();
    const shared = await page.evaluate(() => navigator.clipboard.readText());
    expect(shared).toBe(
      `Message me on Openmsg: my address is 1402*b.test and your one-time pass code is ${code} (valid for one hour). Open it in your inbox: web+openmsg:1402*b.test?code=${code}`,
    );
    await page.getByRole('button', { name: 'Copy link' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${webB()}/connect?address=1402*b.test&code=${code}`,
    );

    const connects: string[] = [];
    jo.page.on(
      'request',
      (request) =>
        request.method() === 'POST' && request.url().endsWith(apiPath('connect')) && connects.push(request.url()),
    );
    await nav(jo.page, 'Connect').click();
    await expect(jo.page.getByRole('heading', { level: 1, name: 'Connect' })).toBeVisible();
    for (const label of ['Their address', 'Pass code']) {
      await jo.page.goto(`${webA()}/connect`);
      await paste(jo.page, label, `Hi Jo! ${shared}`);
      await expect(addressField(jo.page)).toHaveValue('1402*b.test');
      await expect(codeField(jo.page)).toHaveValue(code);
      await expect(jo.page.getByTestId('filled-from')).toHaveText(
        'Filled in from what you pasted. Check and press Connect.',
      );
    }
    expect(connects).toEqual([]);

    // Anything that is not an invitation pastes as it always did.
    await jo.page.goto(`${webA()}/connect`);
    await paste(jo.page, 'Their address', 'just some words');
    await expect(addressField(jo.page)).toHaveValue('');
    await expect(codeField(jo.page)).toHaveValue('');

    await paste(jo.page, 'Pass code', shared);
    await jo.page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(jo.page).toHaveURL(/\/c\/[^/]+$/);
    await expect(jo.page.getByRole('heading', { level: 1, name: 'Kim Share' })).toBeVisible();
    expect(connects).toHaveLength(1);
  });

  test('the web+openmsg:, openmsg: and https links paste too, and /connect opens prefilled from its query without submitting', async () => {
    const { page } = jo;
    const connects: string[] = [];
    page.on(
      'request',
      (request) =>
        request.method() === 'POST' && request.url().endsWith(apiPath('connect')) && connects.push(request.url()),
    );
    for (const [label, link] of [
      ['Their address', 'web+openmsg:1402*b.test?code=111222'],
      ['Pass code', 'openmsg:1402*b.test?code=111222'],
      ['Their address', `${webB()}/connect?address=1402*b.test&code=111222`],
    ] as const) {
      await page.goto(`${webA()}/connect`);
      await paste(page, label, link);
      await expect(addressField(page), link).toHaveValue('1402*b.test');
      await expect(codeField(page), link).toHaveValue('111222');
    }

    await page.goto(`${webA()}/connect?address=${encodeURIComponent('1402*b.test')}&code=333444`);
    await expect(addressField(page)).toHaveValue('1402*b.test');
    await expect(codeField(page)).toHaveValue('333444');
    // What the browser opens for a web+openmsg: link once this inbox is its handler.
    await page.goto(`${webA()}/connect?uri=${encodeURIComponent('web+openmsg:1402*b.test?code=555666')}`);
    await expect(addressField(page)).toHaveValue('1402*b.test');
    await expect(codeField(page)).toHaveValue('555666');
    await expect(page.getByRole('heading', { level: 1, name: 'Connect' })).toBeVisible();
    expect(connects).toEqual([]);

    // The handler is offered from a click (browsers allow it only then).
    await page.getByRole('button', { name: 'Open Openmsg links in this inbox' }).click();
    await expect(page.getByText('Your browser was asked to open web+openmsg: links here')).toBeVisible();
    const manifest = await (await page.request.get(`${webA()}/manifest.webmanifest`)).json();
    expect(manifest.protocol_handlers).toEqual([{ protocol: 'web+openmsg', url: '/connect?uri=%s' }]);
  });

  test('an invitation link opened signed out survives signing in, and signing up (via the welcome screen)', async ({
    browser,
  }) => {
    const invitation = `/connect?address=${encodeURIComponent('1402*b.test')}&code=777888`;
    // Jo, on another browser: sign in, and the invitation opens prefilled.
    const other = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await other.newPage();
      await page.goto(`${webA()}${invitation}`);
      await expect(page).toHaveURL(`${webA()}/sign-in?next=${encodeURIComponent(invitation)}`);
      await page.getByLabel('Address or number').fill('1401');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(codeField(page)).toHaveValue('777888');
      await expect(addressField(page)).toHaveValue('1402*b.test');
    } finally {
      await other.close();
    }
    // Someone new: from sign-in to sign-up, the welcome screen, then on to the invitation.
    const fresh = await browser.newContext({ viewport: PHONE });
    try {
      const page = await fresh.newPage();
      await page.goto(`${webA()}${invitation}`);
      await page.getByRole('link', { name: 'Create an account' }).click();
      await expect(page).toHaveURL(`${webA()}/sign-up?next=${encodeURIComponent(invitation)}`);
      await page.getByLabel('Your number (optional)').fill('1406');
      await page.getByLabel('Display name').fill('Nia New');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await expect(page.getByTestId('welcome-address')).toHaveText('1406*a.test');
      await page.getByRole('link', { name: 'Continue to the invitation you opened' }).click();
      await expect(codeField(page)).toHaveValue('777888');
      await expect(addressField(page)).toHaveValue('1402*b.test');
      // A next= that points away from this inbox is not followed.
      await page.goto(`${webA()}/sign-in?next=${encodeURIComponent('//evil.example/x')}`);
      await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/sign-up');
    } finally {
      await fresh.close();
    }
  });

  test('the Connect page scans the QR code shown on the pass-code card with the camera (Chromium’s fake camera)', async () => {
    const testInfo = test.info();
    // Kim's card, as shown on her phone: its QR image becomes the picture in front of Jo's camera.
    await kim.page.goto(`${webB()}/passcodes`);
    await kim.page.getByRole('button', { name: 'Generate pass code' }).click();
    await expect(kim.page.getByTestId('pass-code')).toHaveText(/^\d{3} \d{3}$/);
    const code = (await kim.page.getByTestId('pass-code').innerText()).replace(/\s/g, '');
    const qr = kim.page.getByRole('img', { name: /^QR code of 1402\*b\.test/ });
    await expect(qr).toBeVisible();
    const [width, height] = [640, 480];
    const pixels = await qr.evaluate(
      async (image: HTMLImageElement, size) => {
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = size.width;
        canvas.height = size.height;
        const context = canvas.getContext('2d') as CanvasRenderingContext2D;
        context.fillStyle = '#fff';
        context.fillRect(0, 0, size.width, size.height);
        context.imageSmoothingEnabled = false;
        context.drawImage(image, (size.width - 360) / 2, (size.height - 360) / 2, 360, 360);
        return Array.from(context.getImageData(0, 0, size.width, size.height).data);
      },
      { width, height },
    );
    const video = path.join(os.tmpdir(), `openmsg-qr-${process.pid}-${Date.now()}.y4m`);
    writeY4m(video, pixels, width, height);

    const launch = testInfo.project.use.launchOptions ?? {};
    const cameraBrowser: Browser = await chromium.launch({
      ...launch,
      args: [
        ...(launch.args ?? []),
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const context = await cameraBrowser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        permissions: ['camera'],
      });
      await context.addCookies(await jo.person.context.cookies(webA()));
      const page = await context.newPage();
      const connects: string[] = [];
      page.on(
        'request',
        (request) =>
          request.method() === 'POST' && request.url().endsWith(apiPath('connect')) && connects.push(request.url()),
      );
      await page.goto(`${webA()}/connect`);
      // jsQR is not part of the page until the camera is asked for.
      const scripts = () => page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
      const before = await scripts();
      await page.getByRole('button', { name: 'Scan QR code' }).click();
      await expect(page.getByTestId('filled-from')).toHaveText('Filled in from the QR code. Check and press Connect.');
      expect((await scripts()).length).toBeGreaterThan(before.length);
      await expect(addressField(page)).toHaveValue('1402*b.test');
      await expect(codeField(page)).toHaveValue(code);
      await expect(page.getByRole('region', { name: 'QR code scanner' })).toHaveCount(0); // the camera is closed
      expect(connects).toEqual([]);
      await keepScreenshot(page, testInfo, 'connect-after-scan-phone');
      // Jo already talks to Kim: the node says so, and nothing is lost from the form.
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect.poll(() => connects.length).toBe(1);
      await context.close();
    } finally {
      await cameraBrowser.close();
    }
  });

  test('without a camera the scanner says so and the form is untouched', async () => {
    const { page } = jo;
    await page.goto(`${webA()}/connect`);
    await addressField(page).fill('1402*b.test');
    await page.getByRole('button', { name: 'Scan QR code' }).click();
    await expect(page.getByTestId('scanner-status')).toHaveText(
      /camera was not allowed|No camera was found|camera could not be started/,
    );
    await expect(addressField(page)).toHaveValue('1402*b.test');
    await page.getByRole('button', { name: 'Close the camera' }).click();
    await expect(page.getByRole('button', { name: 'Scan QR code' })).toBeVisible();
  });

  test('installable: a manifest with icons, a favicon, and no 404 on any page, signed in or out; the tab title keeps its unread badge', async ({
    browser,
  }) => {
    const signedOut = await browser.newContext({ viewport: DESKTOP });
    const outPage = await signedOut.newPage();
    const failures: string[] = [];
    const watch = (page: Page) =>
      page.on(
        'response',
        (response) =>
          response.status() >= 400 && failures.push(`${response.status()} ${response.url()} on ${page.url()}`),
      );
    watch(outPage);
    watch(jo.page);
    for (const route of ['/sign-in', '/sign-up']) {
      await outPage.goto(`${webA()}${route}`);
      await expect(outPage.getByRole('heading', { level: 1 })).toBeVisible();
    }
    for (const route of ['/', '/welcome', '/connect', '/passcodes', '/contacts', '/settings']) {
      await jo.page.goto(`${webA()}${route}`);
      await expect(jo.page.getByRole('heading', { level: 1 }).first()).toBeAttached();
      // Not 'networkidle': the event stream (a streaming fetch) keeps a request open for as long as the page is.
      await jo.page.waitForLoadState('load');
      await jo.page.waitForFunction(() => [...document.images].every((image) => image.complete));
    }
    expect(failures).toEqual([]);

    const head = outPage.locator('head');
    await expect(head.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
    await expect(head.locator('link[rel="icon"]')).not.toHaveCount(0);
    const manifest = await (await outPage.request.get(`${webA()}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: 'Openmsg', start_url: '/', display: 'standalone' });
    const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    // Signed out (no session cookie), every icon is still served as an image, not sent to sign-in.
    for (const url of [
      '/favicon.ico',
      '/icon.svg',
      '/apple-icon.png',
      ...manifest.icons.map((icon: { src: string }) => icon.src),
    ]) {
      const response = await outPage.request.get(`${webA()}${url}`, { maxRedirects: 0 });
      expect(response.status(), url).toBe(200);
      expect(response.headers()['content-type'], url).toMatch(/^image\//);
    }
    await signedOut.close();

    await jo.page.goto(`${webA()}/connect`);
    await expect(jo.page).toHaveTitle('Openmsg');
    await kim.person.send('1401*a.test', 'Did the scan work?');
    await expect(jo.page).toHaveTitle('(1) Openmsg');
  });

  test('axe finds nothing critical or serious on the welcome and Connect pages (scanner open), light and dark, desktop and phone', async () => {
    const found: string[] = [];
    for (const { page, base } of [
      { page: jo.page, base: webA() },
      { page: kim.page, base: webB() },
    ]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.goto(`${base}/welcome`);
        await expect(page.getByTestId('welcome-address')).toBeVisible();
        found.push(...(await axeProblems(page, `${colorScheme} ${base} /welcome`)));
        await page.goto(`${base}/connect?address=${encodeURIComponent('1402*b.test')}&code=12`);
        await expect(page.getByRole('heading', { level: 1, name: 'Connect' })).toBeVisible();
        await page.getByRole('button', { name: 'Scan QR code' }).click();
        await expect(page.getByTestId('scanner-status')).not.toHaveText('Starting the camera…');
        found.push(...(await axeProblems(page, `${colorScheme} ${base} /connect`)));
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(found).toEqual([]);
  });
});
