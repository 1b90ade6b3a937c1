import { expect, type Page, test } from '@playwright/test';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { splitLetter } from '@openmsg/core';
import {
  DESKTOP,
  expectAccessible,
  expectNoSidewaysScroll,
  newPerson,
  PHONE,
  type ApiPerson,
  screenshot,
} from './messenger-helpers';
import { startStack } from './stack';
import { makePdf, makePng } from './test-files';

/**
 * Issue 24, "Files and long letters", as people do it in the inbox: Pia (720*a.test) and Quinn (730*b.test), two
 * people on two nodes of ours, both speaking files-1. Pia attaches a photo (a PNG made here) and a PDF with the
 * button, writes a caption and sends; Quinn sees the photo as a preview, opens the original, and downloads the PDF
 * with the same bytes; Pia's message is delivered only once Quinn's node holds both files. Then drag and drop,
 * pasting a screenshot, cancelling, the sentences before sending (too big, too many), a 20,000-character letter
 * (one message between files-1 nodes), storage in Settings, file names in search, keyboard use, axe (no violation
 * of any impact, light and dark) and screenshots at 1366×850 and 390×844.
 */
test.describe.serial('files and long letters in the inbox', () => {
  let pia: { person: ApiPerson; page: Page };
  let quinn: { person: ApiPerson; page: Page };
  let piaToQuinn = '';
  let quinnToPia = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'openmsg-files-e2e-'));
  const photo = makePng(1200, 800);
  const pdf = makePdf('Quarterly report: files-1 end to end');
  const letter = longLetter(20_000);

  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;
  const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
  const chips = (page: Page) => page.getByTestId('attachment-chip');
  const withFiles = (page: Page) => page.getByTestId('message').filter({ has: page.getByTestId('attachment') });

  test.beforeAll(async ({ browser }) => {
    pia = await newPerson(browser, webA(), DESKTOP);
    quinn = await newPerson(browser, webB(), DESKTOP);
    await pia.person.register('720', 'Pia Files');
    await quinn.person.register('730', 'Quinn Files');
    piaToQuinn = await pia.person.connect(quinn.person, '730*b.test');
    const { items } = await quinn.person.call('listConversations');
    quinnToPia = items.find((item) => item.contact.address === '720*a.test')?.id ?? '';
    expect(quinnToPia).not.toBe('');
  });
  test.afterAll(async () => {
    for (const who of [pia, quinn]) await who?.person.context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Pia attaches a photo and a PDF from the keyboard, sees each upload, and sends them with a caption', async () => {
    const { page } = pia;
    await page.goto(`${webA()}/c/${piaToQuinn}`);
    await expect(page.getByRole('heading', { name: 'Quinn Files', level: 1 })).toBeVisible();
    // Quinn's node takes files: no link notice, and the composer takes a 64,000-character letter.
    const attach = page.getByRole('button', { name: 'Attach files' });
    await attach.focus();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles([
      { name: 'harbour.png', mimeType: 'image/png', buffer: photo },
      { name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await expect(chips(page)).toHaveCount(2);
    await expect(page.getByTestId('upload-announcement')).toContainText(/harbour\.png|report\.pdf/);
    // The photo offers to keep its location (off by default); the PDF does not.
    await expect(
      chips(page)
        .nth(0)
        .getByRole('checkbox', { name: /Keep location/ }),
    ).not.toBeChecked();
    await expect(chips(page).nth(1).getByRole('checkbox')).toHaveCount(0);
    await expect(page.locator('[data-testid=attachment-chip][data-status=ready]')).toHaveCount(2);
    await expect(page.getByTestId('attachment-chip-status')).toHaveText(['Ready to send', 'Ready to send']);
    await expect(page.getByTestId('links-instead')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Remove harbour.png' })).toBeVisible();
    await composerOf(page).fill('The harbour this morning, and the report');
    await expectAccessible(page, 'composer with two files ready');
    await screenshot(page, test.info(), 'files-composer-desktop');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(chips(page)).toHaveCount(0);

    const sent = withFiles(page).last();
    await expect(sent).toContainText('The harbour this morning, and the report');
    await expect(sent.getByTestId('attachment')).toHaveCount(2);
    // Delivered only once Quinn's node fetched both files and checked them (a receipt for each).
    await expect(sent).toHaveAttribute('data-delivery', 'delivered', { timeout: 60_000 });
    await expect(sent.getByRole('img', { name: /^Delivered/ })).toBeVisible();
    await expect(sent.locator('[data-testid=attachment][data-state=delivered]')).toHaveCount(2);
    // Pia's own copy shows her photo as a preview too.
    await expect(sent.getByTestId('image-preview')).toHaveCount(1);
    await screenshot(page, test.info(), 'files-sent-desktop');
  });

  test('Quinn sees the preview, opens the original in a viewer, and downloads the PDF with the same bytes', async () => {
    const { page } = quinn;
    await page.goto(`${webB()}/c/${quinnToPia}`);
    const received = withFiles(page).last();
    await expect(received).toContainText('The harbour this morning, and the report');
    await expect(received.locator('[data-testid=attachment][data-state=stored]')).toHaveCount(2, { timeout: 60_000 });
    const preview = received.getByTestId('image-preview');
    await expect(preview).toBeVisible();
    const thumbnail = preview.getByRole('img', { name: 'harbour.png' });
    // The place is kept from the image's own size (1200×800 in a 280 px box), and the thumbnail really loads.
    await expect(thumbnail).toHaveAttribute('width', '280');
    await expect(thumbnail).toHaveAttribute('height', '187');
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);

    const card = received.getByTestId('file-card').filter({ hasText: 'report.pdf' });
    await expect(card).toContainText('report.pdf');
    await expect(card).toContainText(/PDF/);
    await screenshot(page, test.info(), 'files-received-desktop');
    await expectAccessible(page, 'thread with a photo and a PDF');

    // The original, from the keyboard: Enter opens, Esc closes and gives focus back.
    await preview.focus();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('dialog', { name: /harbour\.png/ });
    await expect(viewer).toBeVisible();
    const original = viewer.getByRole('img', { name: 'harbour.png' });
    await expect.poll(() => original.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1200);
    await expect(viewer.getByRole('link', { name: 'Download' })).toBeVisible();
    await screenshot(page, test.info(), 'files-viewer-desktop');
    await expectAccessible(page, 'image viewer');
    await page.keyboard.press('Escape');
    await expect(viewer).toBeHidden();
    await expect(preview).toBeFocused();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('link', { name: 'Download report.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('report.pdf');
    const saved = path.join(dir, 'report.pdf');
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(pdf)).toBe(true);

    // The photo too: the original's bytes are what Pia attached (a PNG without location data keeps its bytes).
    const [photoDownload] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await preview.click();
        await page.getByRole('dialog').getByRole('link', { name: 'Download' }).click();
      })(),
    ]);
    expect(photoDownload.suggestedFilename()).toBe('harbour.png');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  });

  test('on a phone: the preview and the card fit, nothing scrolls sideways', async () => {
    const { page } = quinn;
    await page.setViewportSize(PHONE);
    try {
      await page.goto(`${webB()}/c/${quinnToPia}`);
      const received = withFiles(page).last();
      await expect(received.getByTestId('image-preview')).toBeVisible();
      await expectNoSidewaysScroll(page, 'a thread with files on a phone');
      await screenshot(page, test.info(), 'files-received-phone');
      await expectAccessible(page, 'thread with files on a phone');
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  });

  test('drag and drop onto the conversation, paste a screenshot, cancel one, send the other without a caption', async () => {
    const { page } = pia;
    await page.goto(`${webA()}/c/${piaToQuinn}`);
    const zone = page.getByTestId('file-drop-zone');
    const dropped = await page.evaluateHandle((base64) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], 'notes.txt', { type: 'text/plain' }));
      return transfer;
    }, Buffer.from('Notes for Quinn\n').toString('base64'));
    await zone.dispatchEvent('dragenter', { dataTransfer: dropped });
    await expect(page.getByText('Drop files to send them to Quinn Files')).toBeVisible();
    await zone.dispatchEvent('drop', { dataTransfer: dropped });
    await expect(page.getByText('Drop files to send them to Quinn Files')).toBeHidden();
    await expect(chips(page)).toHaveCount(1);
    await expect(chips(page).first()).toContainText('notes.txt');

    await composerOf(page).focus();
    await composerOf(page).evaluate((element, base64) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, makePng(480, 320).toString('base64'));
    await expect(chips(page)).toHaveCount(2);
    const screenshotChip = chips(page).nth(1);
    await expect(screenshotChip).toContainText(/^Screenshot \d{4}-\d\d-\d\d at \d\d\.\d\d\.\d\d\.png/);
    await expect(page.locator('[data-testid=attachment-chip][data-status=ready]')).toHaveCount(2);

    await page.getByRole('button', { name: 'Remove notes.txt' }).click();
    await expect(chips(page)).toHaveCount(1);
    await expect(page.getByTestId('upload-announcement')).toHaveText('notes.txt removed.');
    await expect(composerOf(page)).toHaveAttribute('placeholder', 'Add a caption');
    await page.getByRole('button', { name: 'Send' }).click();
    const sent = withFiles(page).last();
    await expect(sent.getByTestId('attachment')).toHaveCount(1);
    await expect(sent.getByTestId('message-text')).toHaveCount(0);
    await expect(sent).toHaveAttribute('data-delivery', 'delivered', { timeout: 60_000 });

    await quinn.page.goto(`${webB()}/c/${quinnToPia}`);
    await expect(
      withFiles(quinn.page)
        .last()
        .getByRole('img', { name: /^Screenshot .*\.png$/ }),
    ).toBeVisible({ timeout: 60_000 });
  });

  test('the sentences before sending: a file too big, more files than a message carries', async () => {
    const { page } = pia;
    await page.goto(`${webA()}/c/${piaToQuinn}`);
    const node = await pia.person.call('nodeInfo');
    expect(node.files).not.toBeNull();
    const limits = node.files!;
    // A sparse file one byte over the node's limit: the inbox refuses it before any byte is sent.
    const huge = path.join(dir, 'film.mov');
    const handle = openSync(huge, 'w');
    ftruncateSync(handle, limits.maxFileBytes + 1);
    closeSync(handle);
    await page.getByTestId('attach-input').setInputFiles(huge);
    const problems = page.getByTestId('attachment-problems');
    await expect(problems).toContainText(
      `film.mov is too big (${(limits.maxFileBytes + 1).toLocaleString('en')} bytes): your node takes files up to ${limits.maxFileBytes.toLocaleString('en')} bytes.`,
    );
    await expect(problems.getByRole('alert')).toHaveCount(1);
    await expect(chips(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(problems).toHaveCount(0);

    const many = Array.from({ length: limits.maxFilesPerMessage + 1 }, (_, index) => {
      const file = path.join(dir, `part-${index + 1}.txt`);
      writeFileSync(file, `part ${index + 1}\n`);
      return file;
    });
    await page.getByTestId('attach-input').setInputFiles(many);
    await expect(problems).toContainText(
      `One message carries at most ${limits.maxFilesPerMessage} files: 1 file was not attached. Send the rest in another message.`,
    );
    await expect(chips(page)).toHaveCount(limits.maxFilesPerMessage);
    // Send waits while files upload; once they are ready, removing them (the node deletes them) empties the composer.
    await expect(page.locator('[data-testid=attachment-chip][data-status=ready]')).toHaveCount(
      limits.maxFilesPerMessage,
    );
    for (let index = 1; index <= limits.maxFilesPerMessage; index++)
      await page.getByRole('button', { name: `Remove part-${index}.txt` }).click();
    await expect(chips(page)).toHaveCount(0);
  });

  test('a slow upload shows its progress, keeps Send waiting, and can be cancelled', async () => {
    const { page } = pia;
    await page.goto(`${webA()}/c/${piaToQuinn}`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 200 * 1024,
    });
    try {
      await page.getByTestId('attach-input').setInputFiles({
        name: 'archive.bin',
        mimeType: 'application/octet-stream',
        buffer: Buffer.alloc(6 * 1024 * 1024, 7),
      });
      const chip = chips(page).first();
      await expect(chip).toHaveAttribute('data-status', 'uploading');
      const bar = chip.getByRole('progressbar', { name: 'Uploading archive.bin' });
      await expect.poll(() => bar.evaluate((element: HTMLProgressElement) => element.value)).toBeGreaterThan(0);
      await composerOf(page).fill('Here it comes');
      await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
      await expect(page.getByText('Send waits until the file has uploaded.')).toBeVisible();
      await screenshot(page, test.info(), 'files-uploading-desktop');
      await page.getByRole('button', { name: 'Cancel the upload of archive.bin' }).click();
      await expect(chips(page)).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
      await composerOf(page).fill('');
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
    }
  });

  test('a 20,000-character letter goes as one message to a files-1 contact and arrives whole', async () => {
    const { page } = pia;
    await page.goto(`${webA()}/c/${piaToQuinn}`);
    await composerOf(page).fill(letter);
    // Quinn's node takes 64,000 characters a message: no parts, no counter this far from the limit.
    await expect(page.getByTestId('parts-hint')).toHaveCount(0);
    await expect(page.getByTestId('char-counter')).toHaveCount(0);
    await page.getByRole('button', { name: 'Send' }).click();
    const sent = page.getByTestId('message').last();
    await expect(sent).toHaveAttribute('data-state', 'delivered', { timeout: 30_000 });

    await quinn.page.goto(`${webB()}/c/${quinnToPia}`);
    const received = quinn.page.getByTestId('message').last().getByTestId('message-text');
    await expect(received).toContainText('Yours, Pia', { timeout: 30_000 });
    expect(Array.from((await received.textContent()) ?? '').length).toBe(20_000);
    expect(await received.textContent()).toBe(letter);
    await screenshot(quinn.page, test.info(), 'files-long-letter-desktop');
    await quinn.page.setViewportSize(PHONE);
    try {
      await expectNoSidewaysScroll(quinn.page, 'a long letter on a phone');
      await screenshot(quinn.page, test.info(), 'files-long-letter-phone');
    } finally {
      await quinn.page.setViewportSize(DESKTOP);
    }
  });

  test('Settings shows the storage used; search finds the PDF by its name', async () => {
    const { page } = quinn;
    await page.goto(`${webB()}/settings`);
    const storage = page.getByTestId('file-storage');
    await expect(storage).toContainText(/^\d+(\.\d)? (kB|MB) of [\d.]+ (MB|GB) used/);
    const usage = await quinn.person.call('storageUsage');
    expect(usage.usedBytes).toBeGreaterThanOrEqual(photo.length + pdf.length);
    await expectAccessible(page, 'settings with storage');

    await page.goto(`${webB()}/`);
    await page.getByRole('searchbox', { name: 'Search contacts and messages' }).fill('report.pdf');
    const file = page.getByTestId('search-result-file');
    await expect(file.first()).toContainText('report.pdf');
    await expect(file.first().locator('mark')).toHaveText(['report.pdf']);
  });
});

/**
 * Toward a node without files-1 (b.test with OPENMSG_FILES=false, on a stack of its own): Sal (740*a.test) is told
 * before sending that Rex's node takes no files and that a long letter goes in parts; Rex gets the letter in
 * labelled parts, in order, then a line per file with a link to the download page on Sal's node, which serves the
 * PDF's very bytes. Sal's message counts as delivered once the parts and the link went.
 */
test.describe.serial('files and a long letter toward a node without files-1', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let sal: { person: ApiPerson; page: Page };
  let rex: { person: ApiPerson; page: Page };
  let salToRex = '';
  let rexToSal = '';
  const pdf = makePdf('Sent as a link');
  const letter = longLetter(20_000);

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    stack = await startStack(undefined, { envByDomain: { 'b.test': { OPENMSG_FILES: 'false' } } });
    sal = await newPerson(browser, stack.webA, DESKTOP);
    rex = await newPerson(browser, stack.webB, DESKTOP);
    await sal.person.register('740', 'Sal Links');
    await rex.person.register('750', 'Rex Links');
    salToRex = await sal.person.connect(rex.person, '750*b.test');
    const { items } = await rex.person.call('listConversations');
    rexToSal = items.find((item) => item.contact.address === '740*a.test')?.id ?? '';
    // Sal's node learns what Rex's node takes from its answers: a first message carries that.
    await sal.person.send('750*b.test', 'Hello Rex');
    await expect
      .poll(
        async () => (await sal.person.call('listContacts')).items.find((item) => item.address === '750*b.test')?.peer,
      )
      .toEqual({ files: false, maxTextChars: 2000, maxFileBytes: null });
  });
  test.afterAll(async () => {
    for (const who of [sal, rex]) await who?.person.context.close();
    await stack?.stop();
  });

  test('the composer says before sending that the files go as links and the letter in parts', async () => {
    const { page } = sal;
    await page.goto(`${stack.webA}/c/${salToRex}`);
    await page
      .getByTestId('attach-input')
      .setInputFiles({ name: 'minutes.pdf', mimeType: 'application/pdf', buffer: pdf });
    await expect(page.getByTestId('links-instead')).toHaveText(
      "Rex Links's node does not take files: they get a download link.",
    );
    await expect(page.locator('[data-testid=attachment-chip][data-status=ready]')).toHaveCount(1);
    const parts = splitLetter(letter, 2000).length;
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill(letter);
    await expect(page.getByTestId('parts-hint')).toHaveText(
      `Sent in ${parts} parts: their node takes 2000 characters a message.`,
    );
    await expectNoSidewaysScroll(page, 'the composer with a long letter and a file');
    await screenshot(page, test.info(), 'files-links-composer-desktop');
    await page.getByRole('button', { name: 'Send' }).click();
    const sent = page.getByTestId('message').last();
    await expect(sent).toHaveAttribute('data-delivery', 'delivered', { timeout: 60_000 });
    await expect(sent.getByTestId('attachment-status')).toHaveText('Sent as a download link.');
  });

  test('Rex gets the letter in labelled parts, in order, then the link, which downloads the same bytes', async () => {
    const parts = splitLetter(letter, 2000);
    const texts = async () =>
      (
        await rex.person.call('conversationMessages', { params: { conversationId: rexToSal }, query: { limit: 100 } })
      ).items
        .map((message) => message.text)
        .reverse();
    await expect.poll(async () => (await texts()).length, { timeout: 60_000 }).toBe(1 + parts.length + 1);
    const received = await texts();
    expect(received.slice(1, 1 + parts.length)).toEqual(parts);
    const linkLine = received.at(-1) ?? '';
    expect(linkLine).toMatch(/^📎 minutes\.pdf \(.+\): https:\/\/a\.test\/download\/[A-Za-z0-9_-]{43} \(until .+\)$/);
    const token = /\/download\/([A-Za-z0-9_-]{43})/.exec(linkLine)?.[1] ?? '';

    const { page } = rex;
    await page.goto(`${stack.webB}/c/${rexToSal}`);
    await expect(page.getByTestId('message').last()).toContainText('minutes.pdf');
    await screenshot(page, test.info(), 'files-links-received-desktop');

    // The link opens the download page on Sal's node (here through Sal's inbox), in any browser, signed out.
    const stranger = await newPerson(rex.person.context.browser()!, stack.webA, PHONE);
    try {
      await stranger.page.goto(`${stack.webA}/download/${token}`);
      await expect(stranger.page.getByText('minutes.pdf').first()).toBeVisible();
      const [download] = await Promise.all([
        stranger.page.waitForEvent('download'),
        stranger.page
          .getByRole('link', { name: /Download/ })
          .first()
          .click(),
      ]);
      const saved = path.join(tmpdir(), `openmsg-link-${token}.pdf`);
      await download.saveAs(saved);
      expect(readFileSync(saved).equals(pdf)).toBe(true);
      rmSync(saved, { force: true });
      await screenshot(stranger.page, test.info(), 'files-link-page-phone');
    } finally {
      await stranger.person.context.close();
    }
  });
});

/** A letter of exactly `length` code points, in paragraphs and sentences, signed at the end. */
function longLetter(length: number): string {
  const sentences = [
    'The harbour was quiet this morning, and the boats sat still on the grey water.',
    'I walked along the old wall past the fish market, where the gulls argue about everything.',
    'Your report arrived, and I read it twice over coffee; the numbers tell a clear story.',
    'We should talk about the second part when you are back, there is more in it than it seems.',
  ];
  const ending = '\n\nYours, Pia';
  let text = 'Dear Quinn,\n\n';
  let index = 0;
  while (text.length < length - ending.length) {
    text += sentences[index % sentences.length] + (index % 5 === 4 ? '\n\n' : ' ');
    index++;
  }
  return text.slice(0, length - ending.length) + ending;
}
