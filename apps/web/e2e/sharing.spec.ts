import { type Browser, expect, type Page, test } from '@playwright/test';
import QRCode from 'qrcode';
import { DESKTOP, expectAccessible, newPerson, PHONE, type ApiPerson, screenshot } from './messenger-helpers';
import { PASSWORD } from './people';
import { makePdf, makePng } from './test-files';

/**
 * Issue 25, "Sharing", in real Chromium against two real nodes: Ria (1501*a.test) shares a pass code and her
 * address through the share sheet (a recording stand-in: Linux Chromium has no navigator.share) or the clipboard;
 * text and files shared into the inbox from the system share sheet (a real multipart POST to the manifest's
 * share_target action) land on /share, go into the conversation she picks and reach Sol (1502*b.test); without a
 * service worker the text still arrives; signed out, the share waits through sign-in. Uma (1504*a.test) connects
 * by reading a QR code from an image, a large screenshot with the code in a corner among them.
 */
const webA = () => process.env.E2E_WEB_A as string;
const webB = () => process.env.E2E_WEB_B as string;
const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
const chips = (page: Page) => page.getByTestId('attachment-chip');

/** navigator.share and canShare as a phone has them, recording what would be shared; `__shareMode` makes it fail. */
function installShareStandIn() {
  const recorded: unknown[] = [];
  const page = window as unknown as { __shared: unknown[]; __shareMode: 'ok' | 'abort' | 'fail' };
  page.__shared = recorded;
  page.__shareMode = 'ok';
  Object.defineProperty(navigator, 'share', {
    configurable: true,
    value: async (data: ShareData) => {
      // As the real one: only from a click (transient activation), so the page must not wait before calling it.
      if (!navigator.userActivation.isActive) throw new DOMException('No user activation', 'NotAllowedError');
      if (page.__shareMode === 'abort') throw new DOMException('Share canceled', 'AbortError');
      if (page.__shareMode === 'fail') throw new DOMException('Permission denied', 'NotAllowedError');
      recorded.push({ ...data });
    },
  });
  Object.defineProperty(navigator, 'canShare', {
    configurable: true,
    value: (data?: ShareData) => Boolean(data && !data.files && (data.text || data.url || data.title)),
  });
}

interface Shared {
  title?: string;
  text?: string;
  url?: string;
  files?: { name: string; mimeType: string; buffer: Buffer }[];
}

/**
 * What the system share sheet does with an installed app's share_target: a navigation POSTing multipart/form-data
 * to its action, the fields named as the manifest says. Done here with a real form in the page (the browser builds
 * the body and the boundary), so the service worker, or without one the server route, gets what a phone sends.
 */
async function shareFromSheet(page: Page, shared: Shared) {
  const manifest = (await (await page.request.get(new URL('/manifest.webmanifest', page.url()).href)).json()) as {
    share_target: { action: string; method: string; enctype: string; params: Record<string, unknown> };
  };
  const target = manifest.share_target;
  const fileField = (target.params.files as { name: string }[])[0]!.name;
  await page.evaluate(
    ({ target, fileField, shared }) => {
      const form = document.createElement('form');
      form.id = 'share-sheet';
      form.method = target.method;
      form.enctype = target.enctype;
      form.action = target.action;
      for (const key of ['title', 'text', 'url'] as const) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = target.params[key] as string;
        input.value = shared[key] ?? '';
        form.append(input);
      }
      const files = document.createElement('input');
      files.type = 'file';
      files.multiple = true;
      files.name = fileField;
      files.id = 'share-sheet-files';
      form.append(files);
      document.body.append(form);
    },
    { target, fileField, shared: { title: shared.title, text: shared.text, url: shared.url } },
  );
  if (shared.files?.length) await page.setInputFiles('#share-sheet-files', shared.files);
  await page.evaluate(() => (document.getElementById('share-sheet') as HTMLFormElement).submit());
}

/** Waits until the inbox's service worker is active (it takes the share target's POST from then on). */
async function serviceWorkerActive(page: Page) {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? 'none'), {
      timeout: 30_000,
    })
    .toBe('activated');
}

async function signIn(page: Page, address: string) {
  await page.getByLabel('Address or number').fill(address);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function receivedWithFiles(person: ApiPerson, conversationId: string, text: string) {
  const { items } = await person.call('conversationMessages', { params: { conversationId } });
  return items.find((message) => message.text === text);
}

test.describe.serial('sharing: the share sheet, the share target, and a QR code from an image', () => {
  let ria: { person: ApiPerson; page: Page };
  let sol: { person: ApiPerson; page: Page };
  let tor: { person: ApiPerson; page: Page };
  let riaToSol = '';
  let solToRia = '';

  test.beforeAll(async ({ browser }) => {
    ria = await newPerson(browser, webA(), DESKTOP);
    sol = await newPerson(browser, webB(), DESKTOP);
    tor = await newPerson(browser, webB(), DESKTOP);
    await ria.person.register('1501', 'Ria Share');
    await sol.person.register('1502', 'Sol Target');
    await tor.person.register('1503', 'Tor Other');
    riaToSol = await ria.person.connect(sol.person, '1502*b.test');
    await ria.person.connect(tor.person, '1503*b.test');
    const { items } = await sol.person.call('listConversations');
    solToRia = items.find((item) => item.contact.address === '1501*a.test')?.id ?? '';
    expect(solToRia).not.toBe('');
  });
  test.afterAll(async () => {
    for (const who of [ria, sol, tor]) await who?.person.context.close();
  });
  // Uploads, a delivery between two nodes and axe light and dark on a machine the whole suite shares.
  test.describe.configure({ timeout: 180_000 });

  test('a pass code and the address go to the share sheet where there is one; cancelling says nothing; a failing sheet copies instead', async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      await context.addCookies(await ria.person.context.cookies());
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webA() });
      await context.addInitScript(installShareStandIn);
      const page = await context.newPage();
      await page.goto(`${webA()}/passcodes`);
      await page.getByRole('button', { name: 'Generate pass code' }).click();
      const code = ((await page.getByTestId('pass-code').textContent()) ?? '').replace(/\s/g, '');
      expect(code).toMatch(/^[0-9]{6}$/);

      await page.getByRole('button', { name: 'Share pass code' }).click();
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared))
        .toEqual([
          {
            title: 'My Openmsg pass code',
            text: expect.stringContaining(`web+openmsg:1501*a.test?code=${code}`),
          },
        ]);
      await expect(page.getByTestId('share-outcome')).toHaveText('');
      await screenshot(page, test.info(), 'share-passcode-phone');

      // Closing the sheet is a choice: nothing is said, nothing copied.
      await page.evaluate(() => navigator.clipboard.writeText('untouched'));
      await page.evaluate(() => ((window as unknown as { __shareMode: string }).__shareMode = 'abort'));
      await page.getByRole('button', { name: 'Share pass code' }).click();
      await page.waitForTimeout(300);
      await expect(page.getByTestId('share-outcome')).toHaveText('');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('untouched');

      // A sheet that fails for another reason: the same text is copied, and the person is told.
      await page.evaluate(() => ((window as unknown as { __shareMode: string }).__shareMode = 'fail'));
      await page.getByRole('button', { name: 'Share pass code' }).click();
      await expect(page.getByTestId('share-outcome')).toHaveText(
        'Sharing did not work in this browser, so it was copied instead. Paste it into a message or an email.',
      );
      expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`your one-time pass code is ${code}`);

      // The address, from Settings.
      await page.evaluate(() => ((window as unknown as { __shareMode: string }).__shareMode = 'ok'));
      await page.goto(`${webA()}/settings`);
      await page.getByRole('button', { name: 'Share address' }).click();
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared))
        .toEqual([
          {
            title: 'My Openmsg address',
            text: 'My Openmsg address is 1501*a.test. Ask me for a pass code to write to me.',
          },
        ]);
      await screenshot(page, test.info(), 'share-address-settings-phone');
    } finally {
      await context.close();
    }
  });

  test('without navigator.share (Linux Chromium) Share copies to the clipboard and says so', async () => {
    const { page, person } = sol;
    await person.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webB() });
    await page.goto(`${webB()}/welcome`);
    expect(await page.evaluate(() => typeof navigator.share)).toBe('undefined');
    await page.getByRole('button', { name: 'Share address' }).click();
    await expect(page.getByTestId('share-outcome')).toHaveText('Copied. Paste it into a message or an email.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'My Openmsg address is 1502*b.test. Ask me for a pass code to write to me.',
    );
    await screenshot(page, test.info(), 'share-address-welcome-desktop');
    await expectAccessible(page, '/welcome with Share address');
    await page.goto(`${webB()}/passcodes`);
    await page.getByRole('button', { name: 'Generate pass code' }).click();
    const code = ((await page.getByTestId('pass-code').textContent()) ?? '').replace(/\s/g, '');
    await page.getByRole('button', { name: 'Share pass code' }).click();
    await expect(page.getByTestId('share-outcome')).toHaveText('Copied. Paste it into a message or an email.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`web+openmsg:1502*b.test?code=${code}`);
    await screenshot(page, test.info(), 'share-passcode-copied-desktop');
  });

  test('text and files shared from the share sheet go into the chosen conversation and reach Sol', async () => {
    const { page } = ria;
    await page.goto(`${webA()}/`);
    await serviceWorkerActive(page);
    const text = 'The harbour plan for Saturday';
    const url = 'https://example.com/plan?day=sat';
    const photo = makePng(640, 400);
    const pdf = makePdf('Saturday plan');
    await shareFromSheet(page, {
      title: 'Harbour plan',
      text,
      url,
      files: [
        { name: 'harbour.png', mimeType: 'image/png', buffer: photo },
        { name: 'plan.pdf', mimeType: 'application/pdf', buffer: pdf },
      ],
    });
    await expect(page).toHaveURL(`${webA()}/share`);
    await expect(page.getByRole('heading', { name: 'Share to a conversation', level: 1 })).toBeVisible();
    await expect(page.getByTestId('shared-text')).toHaveText(`Harbour plan\n${text}\n${url}`);
    await expect(page.getByTestId('shared-files').getByRole('listitem')).toHaveText([
      /harbour\.png · /,
      /plan\.pdf · /,
    ]);
    await expect(page.getByTestId('share-choice')).toHaveCount(2);
    await screenshot(page, test.info(), 'share-target-desktop');
    await expectAccessible(page, '/share, desktop');

    // Search narrows the list; the choice opens the conversation with the text and the files in the composer.
    await page.getByLabel('Search conversations').fill('sol');
    await expect(page.getByTestId('share-choice')).toHaveCount(1);
    await page.getByLabel('Search conversations').fill('nobody');
    await expect(page.getByText('No conversation matches “nobody”.')).toBeVisible();
    await page.getByLabel('Search conversations').fill('1502');
    await page.getByTestId('share-choice').filter({ hasText: 'Sol Target' }).click();
    await expect(page).toHaveURL(`${webA()}/c/${riaToSol}`);
    await expect(composerOf(page)).toHaveValue(`Harbour plan\n${text}\n${url}`);
    await expect(chips(page)).toHaveCount(2);
    await expect(page.locator('[data-testid=attachment-chip][data-status=ready]')).toHaveCount(2);
    await screenshot(page, test.info(), 'share-target-composer-desktop');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(chips(page)).toHaveCount(0);

    // Sol gets the text and both files, byte for byte.
    const sentText = `Harbour plan\n${text}\n${url}`;
    await expect
      .poll(async () => (await receivedWithFiles(sol.person, solToRia, sentText))?.attachments.length, {
        timeout: 60_000,
      })
      .toBe(2);
    await expect
      .poll(
        async () =>
          (await receivedWithFiles(sol.person, solToRia, sentText))?.attachments.map((file) => file.state).join(),
        { timeout: 60_000 },
      )
      .toBe('stored,stored');
    const received = await receivedWithFiles(sol.person, solToRia, sentText);
    const png = received?.attachments.find((file) => file.name === 'harbour.png');
    expect(png?.size).toBe(photo.length);
    const bytes = await sol.person.request.get(`${webB()}/api/v1/attachments/${png?.id}/content`);
    expect(Buffer.from(await bytes.body()).equals(photo)).toBe(true);

    // The share is gone once sent: /share says nothing waits.
    await page.goto(`${webA()}/share`);
    await expect(page.getByTestId('nothing-shared')).toBeVisible();
  });

  test('shared signed out, the text and files wait through sign-in; beyond one message’s files, the rest are named (phone)', async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await page.goto(`${webA()}/sign-in`);
      await serviceWorkerActive(page);
      const files = Array.from({ length: 11 }, (_, index) => ({
        name: `note-${String(index + 1).padStart(2, '0')}.txt`,
        mimeType: 'text/plain',
        buffer: Buffer.from(`note ${index + 1}\n`),
      }));
      await shareFromSheet(page, { text: 'Notes from the meeting', files });
      await expect(page).toHaveURL(/\/sign-in\?next=%2Fshare$/);
      await signIn(page, '1501');
      await expect(page).toHaveURL(`${webA()}/share`);
      await expect(page.getByTestId('shared-text')).toHaveText('Notes from the meeting');
      await expect(page.getByTestId('shared-files').getByRole('listitem')).toHaveCount(10);
      await expect(page.getByTestId('share-problems')).toHaveText(
        'note-11.txt is left out: one message carries up to 10 files.',
      );
      await screenshot(page, test.info(), 'share-target-phone');
      await expectAccessible(page, '/share, phone');
      await page.getByTestId('share-choice').filter({ hasText: 'Tor Other' }).click();
      await expect(page).toHaveURL(/\/c\//);
      await expect(composerOf(page)).toHaveValue('Notes from the meeting');
      await expect(page.locator('[data-testid=attachment-chip][data-status=ready]')).toHaveCount(10);
      await screenshot(page, test.info(), 'share-target-composer-phone');
    } finally {
      await context.close();
    }
  });

  test('without a service worker the server route keeps the text (through sign-in) and says the file was lost', async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(`${webA()}/sign-in`);
      expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
      await shareFromSheet(page, {
        title: 'Recipe',
        text: 'Lemon cake & tea: 200 g sugar, 100% joy',
        files: [{ name: 'cake.png', mimeType: 'image/png', buffer: makePng(200, 100) }],
      });
      await expect(page).toHaveURL(/\/sign-in\?next=%2Fshare%3F/);
      await signIn(page, '1501');
      await expect(page).toHaveURL(/\/share\?/);
      await expect(page.getByTestId('shared-text')).toHaveText('Recipe\nLemon cake & tea: 200 g sugar, 100% joy');
      await expect(page.getByTestId('shared-files')).toHaveCount(0);
      await expect(page.getByTestId('share-problems')).toHaveText(
        'The file you shared could not be kept: this browser had not finished setting up the inbox. Share it again now; it works from here on.',
      );
      await screenshot(page, test.info(), 'share-target-no-worker-desktop');
      await expectAccessible(page, '/share without a service worker');
      await page.getByTestId('share-choice').filter({ hasText: 'Sol Target' }).click();
      await expect(composerOf(page)).toHaveValue('Recipe\nLemon cake & tea: 200 g sugar, 100% joy');
    } finally {
      await context.close();
    }
  });

  test.describe('a QR code read from an image on /connect', () => {
    let uma: { person: ApiPerson; page: Page };

    /** A desktop screenshot, 2560×1600, of a page with the QR code of `text` small in its bottom right corner. */
    async function screenshotWithQrInCorner(browser: Browser, text: string): Promise<Buffer> {
      const qr = await QRCode.toDataURL(text, { width: 150, margin: 2 });
      const page = await browser.newPage({ viewport: { width: 2560, height: 1600 } });
      try {
        const filler = Array.from(
          { length: 40 },
          (_, index) => `<p>Line ${index + 1}: the week's notes, plans and a few links to read later.</p>`,
        ).join('');
        await page.setContent(
          `<body style="margin:0;font:20px sans-serif;background:#f4f6fa"><header style="height:80px;background:#2159c4"></header>` +
            `<main style="columns:3;padding:40px">${filler}</main>` +
            `<img src="${qr}" style="position:fixed;right:24px;bottom:24px;width:150px;height:150px"></body>`,
        );
        await page.locator('img').evaluate((image: HTMLImageElement) => image.decode());
        return await page.screenshot({ type: 'png' });
      } finally {
        await page.close();
      }
    }

    async function readFromImage(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Read from an image' }).click(),
      ]);
      await chooser.setFiles(file);
    }

    test.beforeAll(async ({ browser }) => {
      uma = await newPerson(browser, webA(), DESKTOP);
      await uma.person.register('1504', 'Uma Scan');
    });
    test.afterAll(async () => {
      await uma?.person.context.close();
    });

    test('a picture without a code, and a code that is no invitation, are said so; the form stays empty', async () => {
      const { page } = uma;
      await page.goto(`${webA()}/connect`);
      await readFromImage(page, { name: 'holiday.png', mimeType: 'image/png', buffer: makePng(900, 600) });
      await expect(page.getByTestId('qr-image-status')).toHaveText(
        'No QR code was found in this image. Try a sharper picture, or crop it closer to the code.',
      );
      await readFromImage(page, {
        name: 'menu.png',
        mimeType: 'image/png',
        buffer: await QRCode.toBuffer('https://example.com/menu', { width: 300 }),
      });
      await expect(page.getByTestId('qr-image-status')).toHaveText(
        'That QR code is not an Openmsg pass code. Choose another image, or type the address and pass code.',
      );
      await readFromImage(page, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('no picture') });
      await expect(page.getByTestId('qr-image-status')).toHaveText(
        'This image could not be opened. Try a PNG or JPEG screenshot.',
      );
      await expect(page.getByLabel('Their address')).toHaveValue('');
      await expect(page.getByLabel('Pass code')).toHaveValue('');
      await screenshot(page, test.info(), 'qr-image-not-found-desktop');
      await expectAccessible(page, '/connect with the image message');
    });

    test('the QR code of a pass code (a PNG) fills the form, and from a large screenshot it fills it and connects', async ({
      browser,
    }) => {
      const { page } = uma;
      await page.goto(`${webA()}/connect`);
      const solCode = await sol.person.passCode();
      await readFromImage(page, {
        name: 'qr.png',
        mimeType: 'image/png',
        buffer: await QRCode.toBuffer(`web+openmsg:1502*b.test?code=${solCode}`, { width: 320 }),
      });
      await expect(page.getByTestId('filled-from')).toHaveText('Filled in from the QR code. Check and press Connect.');
      await expect(page.getByLabel('Their address')).toHaveValue('1502*b.test');
      await expect(page.getByLabel('Pass code')).toHaveValue(solCode);

      // Tor's code, small in the corner of a 2560×1600 screenshot: read, filled, connected.
      const torCode = await tor.person.passCode();
      const shot = await screenshotWithQrInCorner(browser, `web+openmsg:1503*b.test?code=${torCode}`);
      const started = Date.now();
      await readFromImage(page, { name: 'Screenshot 2026-12-06.png', mimeType: 'image/png', buffer: shot });
      await expect(page.getByLabel('Their address')).toHaveValue('1503*b.test');
      await expect(page.getByLabel('Pass code')).toHaveValue(torCode);
      test.info().annotations.push({
        type: 'measured',
        description: `QR read from a 2560×1600 screenshot (${shot.length} bytes) in ${Date.now() - started} ms`,
      });
      await expect(page.getByTestId('qr-image-status')).toHaveText('');
      await screenshot(page, test.info(), 'qr-image-filled-desktop');
      await page.setViewportSize(PHONE);
      await screenshot(page, test.info(), 'qr-image-filled-phone');
      await page.setViewportSize(DESKTOP);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await expect(page).toHaveURL(/\/c\//);
      await expect(page.getByRole('heading', { name: 'Tor Other', level: 1 })).toBeVisible();
    });
  });
});
