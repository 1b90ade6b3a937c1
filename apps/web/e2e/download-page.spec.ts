import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DESKTOP, expectNoSidewaysScroll, PHONE, screenshot } from './messenger-helpers';
import { freePort, start, stopProcess, waitFor } from './stack';

const REPO = path.resolve(__dirname, '../../..');
const SERVER_ENTRY = path.join(REPO, 'apps/server/dist/main.js');
const NEXT_BIN = path.join(REPO, 'apps/web/node_modules/next/dist/bin/next');
const TSX_CLI = path.join(REPO, 'apps/server/node_modules/tsx/dist/cli.mjs');
const SEED = path.join(REPO, 'apps/server/test/peer-kit/seed-shared-file.ts');

const REPORT = { name: 'Quarterly report – März 2026 (final).pdf', contentType: 'application/pdf', size: 1_234_567 };
const VIEWPORTS = [
  ['phone', PHONE],
  ['desktop', DESKTOP],
] as const;

/** The bytes the seed stores for a file of `size` bytes (`i mod 251`), as the download must give them back. */
function seededSha256(size: number): string {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * One node (files.test) on its own SQLite file and its inbox; a sent message with files and their links stored as
 * delivery toward a node without files-1 leaves them (apps/server/test/peer-kit/seed-shared-file.ts).
 */
async function startDownloadStack() {
  const [nodePort, webPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(path.join(tmpdir(), 'openmsg-download-'));
  const databaseUrl = `file:${path.join(dir, 'node.db')}`;
  const node = start(
    [SERVER_ENTRY],
    {
      OPENMSG_DOMAIN: 'files.test',
      PORT: String(nodePort),
      HOST: '127.0.0.1',
      OPENMSG_DATA_DIR: dir,
      DATABASE_URL: databaseUrl,
      OPENMSG_COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
    },
    REPO,
  );
  await waitFor(`http://127.0.0.1:${nodePort}/readyz`, node.child, node.logs);
  const web = start(
    [NEXT_BIN, 'start', '-p', String(webPort), '-H', '127.0.0.1'],
    { OPENMSG_NODE_URL: `http://127.0.0.1:${nodePort}`, NEXT_TELEMETRY_DISABLED: '1' },
    path.join(REPO, 'apps/web'),
  );
  await waitFor(`http://127.0.0.1:${webPort}/sign-in`, web.child, web.logs);
  const seed = (files: Array<typeof REPORT & { linkDays: number }>): string[] => {
    const request = { sender: { addressId: '100', displayName: 'Ann Sender' }, files };
    const out = execFileSync(process.execPath, [TSX_CLI, SEED, databaseUrl, JSON.stringify(request)], {
      cwd: path.join(REPO, 'apps/server'),
      encoding: 'utf8',
    });
    return (JSON.parse(out) as { tokens: string[] }).tokens;
  };
  return {
    web: `http://127.0.0.1:${webPort}`,
    seed,
    stop: async () => {
      await Promise.all([stopProcess(web.child), stopProcess(node.child)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function visitor(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  return { context, page: await context.newPage() };
}

test.describe('the download page of a link sent to a node without files-1', () => {
  let stack: Awaited<ReturnType<typeof startDownloadStack>>;
  let live: string;
  let expired: string;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    stack = await startDownloadStack();
    [live, expired] = stack.seed([
      { ...REPORT, linkDays: 30 },
      { ...REPORT, linkDays: -1 },
    ]) as [string, string];
  });
  test.afterAll(() => stack?.stop());

  for (const [label, viewport] of VIEWPORTS) {
    test(`says who sent what until when, and downloads the same bytes, signed out (${label})`, async ({
      browser,
    }, testInfo) => {
      const { context, page } = await visitor(browser, viewport);
      await page.goto(`${stack.web}/download/${live}`);
      await expect(page).toHaveURL(new RegExp(`/download/${live}$`));
      await expect(page.getByRole('heading', { level: 1, name: REPORT.name })).toBeVisible();
      await expect(page.getByText('sent you a file')).toContainText('Ann Sender (100*files.test) sent you a file');
      await expect(page.getByText('1.2 MB · PDF document')).toBeVisible();
      const until = new Date(Date.now() + 30 * 86_400_000).getUTCFullYear();
      await expect(page.getByText(/^Available until/)).toContainText(String(until));
      await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
      await expectNoSidewaysScroll(page, `download page (${label})`);
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await screenshot(page, testInfo, `download-page-${label}`);

      const button = page.getByRole('link', { name: 'Download' });
      const box = (await button.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe(REPORT.name);
      const file = await download.path();
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(seededSha256(REPORT.size));
      await context.close();
    });

    test(`tells plainly that an expired or unknown link no longer works (${label})`, async ({ browser }, testInfo) => {
      const { context, page } = await visitor(browser, viewport);
      for (const token of [expired, 'A'.repeat(43), 'not-a-token']) {
        await page.goto(`${stack.web}/download/${token}`);
        await expect(page.getByRole('heading', { level: 1, name: 'This link does not work any more' })).toBeVisible();
        await expect(page.getByText('Ask the person who sent it to send the file again.')).toBeVisible();
        await expect(page.getByRole('link', { name: 'Download' })).toHaveCount(0);
      }
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await screenshot(page, testInfo, `download-page-gone-${label}`);
      await context.close();
    });
  }
});
