import AxeBuilder from '@axe-core/playwright';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page, type Route, test } from '@playwright/test';
import { DESKTOP, newPerson, PHONE, type ApiPerson, screenshot } from './messenger-helpers';

/**
 * Issue 25, "Offline": Oli (2501*a.test, desktop) opens the inbox once online; offline it opens again from the
 * service worker's copy of the page (public/sw/offline.js) and the saved query cache (lib/offline/), messages
 * written offline wait in the outbox across reloads and go to Pia (2502*b.test) in order, each once, also from two
 * tabs; a new version of the app takes over with the draft intact; signing out leaves nothing saved.
 */
test.describe.serial('the inbox offline: saved conversations, the outbox, updates', () => {
  let oli: { person: ApiPerson; page: Page };
  let pia: { person: ApiPerson; page: Page };
  let conversation = '';
  let piaSide = '';

  const webA = () => process.env.E2E_WEB_A as string;
  const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
  const banner = (page: Page) => page.getByRole('status').filter({ hasText: 'Offline — showing saved messages' });
  const waiting = (page: Page) => page.getByTestId('waiting-message');

  /** The saved inbox in IndexedDB as JSON (null when there is none), without creating the database by looking. */
  const savedInbox = (page: Page) =>
    page.evaluate(async () => {
      const databases = await indexedDB.databases();
      if (!databases.some((database) => database.name === 'openmsg-saved-inbox')) return null;
      return new Promise<string | null>((resolve) => {
        const open = indexedDB.open('openmsg-saved-inbox');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('queries')) return resolve(null);
          const read = db.transaction('queries').objectStore('queries').get('inbox');
          read.onsuccess = () => {
            db.close();
            resolve(read.result ? JSON.stringify(read.result) : null);
          };
        };
        open.onerror = () => resolve(null);
      });
    });

  const outboxCount = (page: Page) =>
    page.evaluate(async () => {
      const databases = await indexedDB.databases();
      if (!databases.some((database) => database.name === 'openmsg-outbox')) return 0;
      return new Promise<number>((resolve) => {
        const open = indexedDB.open('openmsg-outbox');
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('messages').objectStore('messages').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        };
      });
    });

  const keptPages = (page: Page) =>
    page.evaluate(async () => {
      const names = (await caches.keys()).filter((name) => name.endsWith('-pages'));
      const urls = await Promise.all(
        names.map(async (name) => (await (await caches.open(name)).keys()).map((request) => request.url)),
      );
      return urls.flat();
    });

  /** What Pia's node holds from Oli, oldest first, through her client API. */
  const piaReceived = async () => {
    const page = await pia.person.call('conversationMessages', {
      params: { conversationId: piaSide },
      query: { limit: 100 },
    });
    return page.items
      .filter((message) => message.direction === 'in')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((message) => message.text);
  };

  /** Opened online once: the worker keeps the page and its scripts, the inbox saves what it shows. */
  async function openOnline(page: Page) {
    await page.goto(`${webA()}/c/${conversation}`);
    await expect(page.getByRole('heading', { name: 'Pia Reader' })).toBeVisible();
    await expect(page.getByTestId('message').filter({ hasText: 'Saved for the train' })).toBeVisible();
    await expect(page.locator('html[data-offline-ready=true]')).toHaveCount(1, { timeout: 30_000 });
    // The thread's messages are saved (not only the list's last message).
    await expect.poll(async () => (await savedInbox(page))?.includes('Hello Oli') ?? false).toBe(true);
  }

  async function expectNoAxeViolations(page: Page, what: string) {
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map((violation) => `${what}: ${violation.id} (${violation.impact})`),
      'axe violations',
    ).toEqual([]);
  }

  test.beforeAll(async ({ browser }) => {
    oli = await newPerson(browser, webA(), DESKTOP);
    pia = await newPerson(browser, process.env.E2E_WEB_B as string, DESKTOP);
    await oli.person.register('2501', 'Oli Offline');
    await pia.person.register('2502', 'Pia Reader');
    conversation = await oli.person.connect(pia.person, '2502*b.test');
    piaSide = (await pia.person.call('listConversations', { query: { limit: 10 } })).items[0]!.id;
    await pia.person.call('sendMessage', { body: { to: '2501*a.test', text: 'Hello Oli' } });
    await pia.person.call('sendMessage', { body: { to: '2501*a.test', text: 'Saved for the train' } });
    await expect
      .poll(
        async () =>
          (await oli.person.call('getConversation', { params: { conversationId: conversation } })).lastMessage?.text,
      )
      .toBe('Saved for the train');
  });
  test.afterAll(async () => {
    for (const who of [oli, pia]) await who?.person.context.close();
  });

  test('loaded once online, the inbox opens offline with its conversations and recent messages, marked offline', async () => {
    const { page, person } = oli;
    await openOnline(page);

    await person.context.setOffline(true);
    await page.reload();
    await expect(banner(page)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Pia Reader' })).toBeVisible();
    await expect(page.getByTestId('conversation').filter({ hasText: 'Pia Reader' })).toBeVisible();
    await expect(page.getByTestId('message').filter({ hasText: 'Hello Oli' })).toBeVisible();
    await expect(page.getByTestId('message').filter({ hasText: 'Saved for the train' })).toBeVisible();
    // The copy of the page carries its own CSP and nonce: its scripts ran (the composer is interactive).
    await composerOf(page).fill('typed offline');
    await expect(composerOf(page)).toHaveValue('typed offline');
    await composerOf(page).fill('');
    await screenshot(page, test.info(), 'offline-inbox-desktop');

    // The list page, never opened as such, opens from the same copy.
    await page.goto(webA());
    await expect(banner(page)).toBeVisible();
    await expect(page.getByTestId('conversation').filter({ hasText: 'Pia Reader' })).toBeVisible();
  });

  test('two messages written offline wait, survive a reload, and reach Pia in order, each once, when back online', async () => {
    const { page, person } = oli;
    await page.goto(`${webA()}/c/${conversation}`);
    await expect(banner(page)).toBeVisible();
    for (const text of ['First from the tunnel', 'Second from the tunnel']) {
      await composerOf(page).fill(text);
      await composerOf(page).press('Enter');
      await expect(composerOf(page)).toHaveValue('');
    }
    await expect(waiting(page)).toHaveCount(2);
    await expect(waiting(page).getByTestId('waiting-text')).toHaveText([
      'First from the tunnel',
      'Second from the tunnel',
    ]);
    for (const one of await waiting(page).all()) await expect(one).toContainText('Waiting for connection');

    await page.reload();
    await expect(banner(page)).toBeVisible();
    await expect(waiting(page).getByTestId('waiting-text')).toHaveText([
      'First from the tunnel',
      'Second from the tunnel',
    ]);
    await expectNoAxeViolations(page, 'offline thread with waiting messages');
    await screenshot(page, test.info(), 'offline-waiting-desktop');
    await page.setViewportSize(PHONE);
    await expect(waiting(page)).toHaveCount(2);
    await screenshot(page, test.info(), 'offline-waiting-phone');
    await page.goto(webA());
    await expect(banner(page)).toBeVisible();
    await screenshot(page, test.info(), 'offline-inbox-phone');
    await page.setViewportSize(DESKTOP);
    await page.goto(`${webA()}/c/${conversation}`);

    await person.context.setOffline(false);
    await expect(banner(page)).toBeHidden();
    await expect(waiting(page)).toHaveCount(0, { timeout: 30_000 });
    const sent = page.getByTestId('message-text').filter({ hasText: 'from the tunnel' });
    await expect(sent).toHaveText(['First from the tunnel', 'Second from the tunnel']);
    await expect.poll(piaReceived, { timeout: 30_000 }).toEqual(['First from the tunnel', 'Second from the tunnel']);
    expect(await outboxCount(page)).toBe(0);
  });

  test('the same account in two tabs offline, then online: every message is sent once', async () => {
    const { page, person } = oli;
    const second = await person.context.newPage();
    await second.goto(`${webA()}/c/${conversation}`);
    await expect(second.getByRole('heading', { name: 'Pia Reader' })).toBeVisible();

    await person.context.setOffline(true);
    await expect(banner(page)).toBeVisible();
    await expect(banner(second)).toBeVisible();
    await composerOf(page).fill('From the first tab');
    await composerOf(page).press('Enter');
    await composerOf(second).fill('From the second tab');
    await composerOf(second).press('Enter');
    // Both tabs show both waiting (the outbox is shared, its changes announced to every tab).
    await expect(waiting(page)).toHaveCount(2);
    await expect(waiting(second)).toHaveCount(2);

    await person.context.setOffline(false);
    await expect(waiting(page)).toHaveCount(0, { timeout: 30_000 });
    await expect(waiting(second)).toHaveCount(0, { timeout: 30_000 });
    await expect
      .poll(piaReceived, { timeout: 30_000 })
      .toEqual(['First from the tunnel', 'Second from the tunnel', 'From the first tab', 'From the second tab']);
    // Both tabs flushed when the connection came back: still one message each, also after a moment.
    await page.waitForTimeout(3000);
    expect(await piaReceived()).toEqual([
      'First from the tunnel',
      'Second from the tunnel',
      'From the first tab',
      'From the second tab',
    ]);
    await second.close();
  });

  test('a new version of the app takes over at a quiet moment: the page ends on it, its draft intact', async () => {
    const { page } = oli;
    await page.goto(`${webA()}/c/${conversation}`);
    await expect(page.getByRole('heading', { name: 'Pia Reader' })).toBeVisible();
    const version = () =>
      page.evaluate(
        () =>
          new Promise<string | null>((resolve) => {
            const worker = navigator.serviceWorker.controller;
            if (!worker) return resolve(null);
            const channel = new MessageChannel();
            channel.port1.onmessage = (event) => resolve(event.data as string);
            worker.postMessage({ type: 'openmsg-offline:version' }, [channel.port2]);
          }),
      );
    await expect.poll(version).toBe('offline-v1');
    await composerOf(page).fill('Half a thought, kept across the update');

    // The deploy: the worker's offline script changes on the server (the inbox serves public/ from disk), as a new
    // build's would; it is put back afterwards. (Playwright's routes do not see the browser's update check.)
    const script = path.join(__dirname, '../public/sw/offline.js');
    const original = readFileSync(script, 'utf8');
    writeFileSync(script, original.replace("const VERSION = 'offline-v1';", "const VERSION = 'offline-v2';"));
    try {
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });
      await reloaded;
      await expect.poll(version, { timeout: 20_000 }).toBe('offline-v2');
      await expect(composerOf(page)).toHaveValue('Half a thought, kept across the update');
      await expect(page.getByTestId('message').filter({ hasText: 'Saved for the train' })).toBeVisible();
      // The old version's caches are gone, the static files (content-hashed, shared by versions) stay.
      const names = await page.evaluate(() => caches.keys());
      expect(names.filter((name) => name.includes('offline-v1'))).toEqual([]);
      expect(names).toContain('openmsg-static');
    } finally {
      writeFileSync(script, original);
    }
    await composerOf(page).fill('');
  });

  test('signing out leaves nothing saved: no conversations, no pages, no waiting messages', async () => {
    const { page, person } = oli;
    await openOnline(page);
    // A send that reaches nothing (the connection drops mid-send) goes to the outbox rather than back to the box.
    const refuseSends = (route: Route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue();
    await person.context.route('**/api/v1/messages', refuseSends);
    await composerOf(page).fill('Written, then signed out');
    await composerOf(page).press('Enter');
    await expect(composerOf(page)).toHaveValue('');
    await expect(waiting(page)).toHaveCount(1);
    await expect(waiting(page)).toContainText('Waiting for connection');
    expect(await outboxCount(page)).toBe(1);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect.poll(() => savedInbox(page)).toBeNull();
    await expect.poll(() => outboxCount(page)).toBe(0);
    await expect.poll(() => keptPages(page)).toEqual([]);
    await person.context.unroute('**/api/v1/messages', refuseSends);

    // Signed out and online: the inbox still goes to sign-in (through the worker).
    await page.goto(webA());
    await expect(page).toHaveURL(/\/sign-in/);
    // Offline: nothing of the inbox opens.
    await person.context.setOffline(true);
    await page.goto(webA()).catch(() => undefined);
    await expect(page.getByText('Saved for the train')).toHaveCount(0);
    await person.context.setOffline(false);
  });

  test('a thread reached from another page without loading one (sign-up, Connect, then the thread) opens offline', async ({
    browser,
  }) => {
    // Found walking the inbox as a new person: the pages loaded were Settings-like ones, the thread came by moving
    // inside the app, and no list or thread page was ever kept.
    const tia = await newPerson(browser, webA(), PHONE);
    try {
      await tia.person.register('2504', 'Tia Traveller');
      const { page, person } = tia;
      const toPia = await person.connect(pia.person, '2502*b.test');
      await pia.person.call('sendMessage', { body: { to: '2504*a.test', text: 'Read on the ferry' } });
      await pia.person.call('sendMessage', { body: { to: '2504*a.test', text: 'See you on the island' } });
      await expect
        .poll(
          async () => (await person.call('getConversation', { params: { conversationId: toPia } })).lastMessage?.text,
        )
        .toBe('See you on the island');
      await page.goto(`${webA()}/settings`);
      await expect(page.locator('html[data-offline-ready=true]')).toHaveCount(1, { timeout: 30_000 });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
      await page.getByTestId('conversation').filter({ hasText: 'Pia Reader' }).click();
      await expect(page).toHaveURL(`${webA()}/c/${toPia}`);
      await expect(page.getByTestId('message').filter({ hasText: 'Read on the ferry' })).toBeVisible();
      // Saved with the thread (the list holds only the last message).
      await expect.poll(async () => (await savedInbox(page))?.includes('Read on the ferry') ?? false).toBe(true);

      await person.context.setOffline(true);
      await page.reload();
      await expect(banner(page)).toBeVisible();
      await expect(page.getByTestId('message').filter({ hasText: 'Read on the ferry' })).toBeVisible();
      await composerOf(page).fill('typed offline on the phone');
      await expect(composerOf(page)).toHaveValue('typed offline on the phone');
      await person.context.setOffline(false);
    } finally {
      await tia.person.context.close();
    }
  });

  test('a first visit is kept for offline also when the worker takes the page before the inbox has loaded', async ({
    browser,
  }) => {
    // The race CI met: the worker, registered on load, claimed the page before the inbox knew who was signed in; the
    // page, now controlled, took itself for one the worker had served and kept, and offline it did not open.
    const sam = await newPerson(browser, process.env.E2E_WEB_A as string, DESKTOP);
    try {
      await sam.person.register('2503', 'Sam Slowstart');
      const { page, person } = sam;
      await page.route('**/api/v1/me', async (route) => {
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
        await route.continue();
      });
      await page.goto(process.env.E2E_WEB_A as string);
      await expect(page.locator('html[data-offline-ready=true]')).toHaveCount(1, { timeout: 30_000 });
      await page.unrouteAll({ behavior: 'wait' });
      await expect.poll(async () => (await savedInbox(page))?.includes('Sam Slowstart') ?? false).toBe(true);

      await person.context.setOffline(true);
      await page.reload();
      await expect(banner(page)).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible(); // the inbox, not its loading state

      // Offline with the page kept but nothing of the inbox saved (it was never saved, or is past its age): it says
      // so instead of loading for ever, and opens once the connection is back.
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('openmsg-saved-inbox');
            open.onsuccess = () => {
              const clear = open.result.transaction('queries', 'readwrite').objectStore('queries').clear();
              clear.onsuccess = () => {
                open.result.close();
                resolve();
              };
              clear.onerror = () => reject(clear.error);
            };
            open.onerror = () => reject(open.error);
          }),
      );
      await page.reload();
      await expect(
        page.getByRole('status').filter({ hasText: 'this browser has not saved your inbox yet' }),
      ).toBeVisible();
      await screenshot(page, test.info(), 'offline-nothing-saved-desktop');
      await page.setViewportSize(PHONE);
      await screenshot(page, test.info(), 'offline-nothing-saved-phone');
      await person.context.setOffline(false);
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    } finally {
      await sam.person.context.close();
    }
  });
});
