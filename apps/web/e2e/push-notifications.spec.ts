import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { createECDH, randomBytes } from 'node:crypto';
import type { PushPayload } from '@openmsg/core/api';
import { DESKTOP, newPerson, PHONE, screenshot, type ApiPerson } from './messenger-helpers';
import { PushServiceStandIn } from './push-service';
import { PushWorker } from './push-worker';

/**
 * Issue 25, push notifications with the browser closed (the inbox's half): the service worker shows a
 * pushed message as the node sends it, in the page's language, one notification per conversation,
 * not for the conversation in view, and a click opens the conversation. Ivy (3080*a.test) and Jon
 * (3090*b.test) write to each other.
 */
test.describe.serial('push notifications: the service worker', () => {
  let ivy: { person: ApiPerson; page: Page };
  let jon: { person: ApiPerson; page: Page };
  let conversationId = '';
  let push: PushWorker;

  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;
  const payload = (overrides: Partial<PushPayload> = {}): PushPayload => ({
    kind: 'message',
    conversationId,
    messageId: `m-${Math.random().toString(36).slice(2)}`,
    from: 'Jon Push',
    text: null,
    files: 0,
    sentAt: new Date().toISOString(),
    ...overrides,
  });

  test.beforeAll(async ({ browser }) => {
    ivy = await newPerson(browser, webA(), DESKTOP);
    jon = await newPerson(browser, webB(), DESKTOP);
    await ivy.person.register('3080', 'Ivy Push');
    await jon.person.register('3090', 'Jon Push');
    conversationId = await ivy.person.connect(jon.person, '3090*b.test');
    await jon.person.send('3080*a.test', 'Hello Ivy');
    await ivy.person.context.grantPermissions(['notifications'], { origin: webA() });
    await ivy.page.goto(webA());
    await expect(ivy.page.getByTestId('conversation')).toHaveCount(1);
    push = await PushWorker.attach(ivy.person.context, webA(), ivy.page);
  });
  test.afterAll(async () => {
    for (const who of [ivy, jon]) await who?.person.context.close();
  });

  test('with every inbox page closed, a push shows who wrote and, with previews, the text', async () => {
    await ivy.page.close();
    await push.deliver(payload({ text: 'Are you coming tonight?' }));
    await expect
      .poll(() => push.notifications())
      .toEqual([
        expect.objectContaining({
          title: 'Jon Push',
          body: 'Are you coming tonight?',
          tag: `conversation:${conversationId}`,
        }),
      ]);
    await push.closeNotifications();

    // Without previews the node sends no text: "New message", or what was sent.
    await push.deliver(payload());
    await expect.poll(async () => (await push.notifications()).map((shown) => shown.body)).toEqual(['New message']);
    await push.closeNotifications();
    await push.deliver(payload({ files: 3 }));
    await expect.poll(async () => (await push.notifications()).map((shown) => shown.body)).toEqual(['Sent 3 files']);
    await push.closeNotifications();
    await push.deliver(payload({ files: 1 }));
    await expect.poll(async () => (await push.notifications()).map((shown) => shown.body)).toEqual(['Sent a file']);
    await push.closeNotifications();
  });

  test('messages of one conversation collapse into one notification that counts them; another conversation gets its own', async () => {
    await push.deliver(payload());
    await push.deliver(payload());
    await push.deliver(payload({ text: 'Third one' }));
    await expect
      .poll(async () => (await push.notifications()).map(({ body, tag }) => ({ body, tag })))
      .toEqual([{ body: 'Third one\n3 new messages', tag: `conversation:${conversationId}` }]);
    await push.deliver(payload({ conversationId: 'another-conversation', from: 'Kim' }));
    await expect
      .poll(async () => (await push.notifications()).map((shown) => shown.title).sort())
      .toEqual(['Jon Push', 'Kim']);
    await push.closeNotifications();
  });

  test('what is not a message payload shows nothing', async () => {
    await push.deliver({ kind: 'something-else', conversationId });
    await push.deliver(payload({ text: 'after the odd one' }));
    await expect
      .poll(async () => (await push.notifications()).map((shown) => shown.body))
      .toEqual(['after the odd one']);
    await push.closeNotifications();
  });

  test('the notification speaks the language the inbox was last opened in', async () => {
    await ivy.person.context.addCookies([{ name: 'openmsg_locale', value: 'de', url: webA() }]);
    const page = await ivy.person.context.newPage();
    await page.goto(webA());
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    // The page writes the worker's strings once it has loaded.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            new Promise<string>((resolve) => {
              const open = indexedDB.open('openmsg-push', 1);
              open.onsuccess = () => {
                const get = open.result.transaction('kv').objectStore('kv').get('strings');
                get.onsuccess = () => resolve((get.result as { locale?: string } | undefined)?.locale ?? '');
                get.onerror = () => resolve('');
              };
              open.onerror = () => resolve('');
            }),
        ),
      )
      .toBe('de');
    await page.close();
    await push.deliver(payload({ files: 3 }));
    await expect
      .poll(async () => (await push.notifications()).map((shown) => shown.body))
      .toEqual(['Hat 3 Dateien geschickt']);
    await push.closeNotifications();
    await push.deliver(payload());
    await expect.poll(async () => (await push.notifications()).map((shown) => shown.body)).toEqual(['Neue Nachricht']);
    await push.closeNotifications();
    await ivy.person.context.clearCookies({ name: 'openmsg_locale' });
  });

  test('no notification for the conversation the person is reading; one for any other', async () => {
    const page = await ivy.person.context.newPage();
    await page.goto(`${webA()}/c/${conversationId}`);
    await expect(page.getByRole('heading', { name: 'Jon Push' })).toBeVisible();
    await page.bringToFront();
    await push.deliver(payload({ text: 'You see this in the thread' }));
    await push.deliver(payload({ conversationId: 'another-conversation', from: 'Kim', text: 'Elsewhere' }));
    await expect.poll(async () => (await push.notifications()).map((shown) => shown.body)).toEqual(['Elsewhere']);
    await push.closeNotifications();
    await page.close();
  });

  test('a click on a notification switches an open inbox to the conversation', async () => {
    const page = await ivy.person.context.newPage();
    await page.goto(`${webA()}/settings`);
    // The worker picks the focused inbox window: this one, not the page beforeAll left open.
    await page.bringToFront();
    await push.deliver(payload({ text: 'Open me' }));
    await expect.poll(() => push.notifications()).toHaveLength(1);
    expect(await push.clickNotification(`conversation:${conversationId}`)).toEqual({ outcome: 'done', openWindow: [] });
    await expect(page).toHaveURL(`${webA()}/c/${conversationId}`);
    await expect(page.getByRole('heading', { name: 'Jon Push' })).toBeVisible();
    await expect.poll(() => push.notifications()).toEqual([]);
    await page.close();
  });

  test('a window that does not answer (an inbox still loading, a page without the inbox) is navigated there', async () => {
    const page = await ivy.person.context.newPage();
    // The inbox's listener never runs on a page not found, as it has not yet on an inbox page still loading
    // (it waits for the account): the worker asks, hears nothing within a second, and navigates the window.
    await page.goto(`${webA()}/no-such-page`);
    await expect(page.getByText('This page could not be found.')).toBeVisible();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.bringToFront();
    await push.deliver(payload({ text: 'Open me from anywhere' }));
    await expect.poll(() => push.notifications()).toHaveLength(1);
    expect(await push.clickNotification(`conversation:${conversationId}`)).toEqual({ outcome: 'done', openWindow: [] });
    await expect(page).toHaveURL(`${webA()}/c/${conversationId}`);
    await expect(page.getByRole('heading', { name: 'Jon Push' })).toBeVisible();
    await page.close();
  });

  test('with no inbox open, a click asks for a new window on the conversation', async () => {
    await push.deliver(payload({ text: 'Open a window' }));
    await expect.poll(() => push.notifications()).toHaveLength(1);
    for (const page of ivy.person.context.pages()) if (page !== push.blank) await page.close();
    const { outcome, openWindow } = await push.clickNotification(`conversation:${conversationId}`);
    // The worker asks for a window on the conversation. Chromium opens one only for a real click on a
    // notification, which headless Chromium cannot make: the script-made click is refused, as expected.
    expect(openWindow).toEqual([`/c/${conversationId}`]);
    expect(outcome).toBe('InvalidAccessError: Not allowed to open a window.');
    await expect.poll(() => push.notifications()).toEqual([]);
  });
});

/** axe on the page as it is, light and dark: the violations as lines (none expected). */
async function axeViolations(page: Page, what: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const violation of violations)
      found.push(
        `${what} ${colorScheme}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** A subscription as a browser would send it: a P-256 key pair and an auth secret made here. */
function testSubscription(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint,
    expirationTime: null,
    keys: { p256dh: ecdh.getPublicKey('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

/**
 * The inbox's side against the node's push routes (GET /push/key, /push/subscriptions, PATCH
 * .../mute): the ask-once prompt, Settings and muting. Lee (3081*a.test, desktop) and Max (3082*a.test,
 * phone) write to Noa (3091*b.test). Needs a node with push switched on.
 */
test.describe.serial('push notifications: asking, Settings, muting', () => {
  let lee: { person: ApiPerson; page: Page };
  let max: { person: ApiPerson; page: Page };
  let noa: { person: ApiPerson; page: Page };
  let leeToNoa = '';
  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;
  const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });
  const prompt = (page: Page) => page.getByRole('region', { name: 'Turn on notifications' });
  const question = 'Get notified of new messages when the inbox is closed?';

  test.beforeEach(() => test.setTimeout(240_000));
  test.beforeAll(async ({ browser }) => {
    lee = await newPerson(browser, webA(), DESKTOP);
    max = await newPerson(browser, webA(), PHONE);
    noa = await newPerson(browser, webB(), DESKTOP);
    await lee.person.register('3081', 'Lee Ask');
    const key = await lee.person.request.get(`${webA()}/api/v1/push/key`);
    test.skip(
      !key.ok() || !((await key.json()) as { enabled?: boolean }).enabled,
      `the node on ${webA()} has no push switched on (GET /push/key: ${key.status()})`,
    );
    await max.person.register('3082', 'Max Phone');
    await noa.person.register('3091', 'Noa Quiet');
    leeToNoa = await lee.person.connect(noa.person, '3091*b.test');
    await max.person.connect(noa.person, '3091*b.test');
    await noa.person.send('3081*a.test', 'Hi Lee');
    await noa.person.send('3082*a.test', 'Hi Max');
  });
  test.afterAll(async () => {
    for (const who of [lee, max, noa]) await who?.person.context.close();
  });

  test('the inbox asks once, after the first message sent, never on first load, and never again after "Not now"', async () => {
    const { page } = lee;
    await page.goto(webA());
    await expect(page.getByTestId('conversation')).toHaveCount(1);
    await page.waitForTimeout(500);
    await expect(page.getByText(question)).toHaveCount(0);

    await page.getByTestId('conversation').click();
    await composerOf(page).fill('Hello Noa');
    await composerOf(page).press('Enter');
    await expect(prompt(page).getByText(question)).toBeVisible();
    await expect(prompt(page).getByRole('button', { name: 'Enable' })).toBeVisible();
    expect(await axeViolations(page, 'prompt desktop')).toEqual([]);
    await screenshot(page, test.info(), 'push-prompt-desktop');

    await prompt(page).getByRole('button', { name: 'Not now' }).click();
    await expect(prompt(page)).toHaveCount(0);
    await page.reload();
    await composerOf(page).fill('A second message');
    await composerOf(page).press('Enter');
    await expect(page.getByTestId('message').filter({ hasText: 'A second message' })).toBeVisible();
    await page.waitForTimeout(500);
    await expect(page.getByText(question)).toHaveCount(0);
  });

  test('on a phone the prompt fits; "Enable" without a reachable push service says so and never asks again', async () => {
    const { page } = max;
    await max.person.context.grantPermissions(['notifications'], { origin: webA() });
    await page.goto(webA());
    await page.getByTestId('conversation').click();
    await composerOf(page).fill('Hello from the phone');
    await composerOf(page).press('Enter');
    await expect(prompt(page).getByText(question)).toBeVisible();
    expect(await axeViolations(page, 'prompt phone')).toEqual([]);
    await screenshot(page, test.info(), 'push-prompt-phone');
    // Headless Chromium here reaches no push service: the browser refuses the subscription.
    await prompt(page).getByRole('button', { name: 'Enable' }).click();
    await expect(
      prompt(page).getByText('Notifications could not be switched on. You can try again in Settings.'),
    ).toBeVisible({
      timeout: 60_000,
    });
    await prompt(page).getByRole('button', { name: 'Close' }).click();
    await expect(prompt(page)).toHaveCount(0);
    await page.reload();
    await composerOf(page).fill('And again');
    await composerOf(page).press('Enter');
    await page.waitForTimeout(500);
    await expect(page.getByText(question)).toHaveCount(0);
  });

  test('Settings: one notifications setting, the devices of the account, and a refusal that leaves it off', async () => {
    const { page } = lee;
    await page.goto(`${webA()}/settings`);
    const section = page.getByTestId('notifications-setting');
    const pushSwitch = section.getByRole('switch', { name: 'Notifications on this device' });
    await expect(pushSwitch).toHaveAttribute('aria-checked', 'false');
    await expect(section.getByText('No device gets notifications yet.')).toBeVisible();

    // Another device of Lee's subscribes (as its browser would, with keys made here).
    await lee.person.call('pushSubscribe', {
      body: { ...testSubscription(`https://push.example.com/send/${randomBytes(8).toString('hex')}`), previews: true },
    });
    await page.reload();
    await expect(section.getByTestId('push-devices').getByRole('listitem')).toHaveCount(1);
    await expect(section.getByTestId('push-devices')).toContainText('push.example.com');
    await expect(section.getByTestId('push-devices')).toContainText('with message text');
    expect(await axeViolations(page, 'settings desktop')).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, test.info(), 'push-settings-desktop');

    // No permission given: the switch stays off and says why.
    await pushSwitch.click();
    await expect(section.getByRole('alert')).toContainText('blocks notifications');
    await expect(pushSwitch).toHaveAttribute('aria-checked', 'false');

    const phone = max.page;
    await phone.goto(`${webA()}/settings`);
    await expect(phone.getByRole('switch', { name: 'Notifications on this device' })).toBeVisible();
    expect(await axeViolations(phone, 'settings phone')).toEqual([]);
    await phone.getByTestId('notifications-setting').scrollIntoViewIfNeeded();
    await screenshot(phone, test.info(), 'push-settings-phone');
  });

  test('mute a conversation from its header: the PATCH, the icon in the list, and back', async () => {
    const { page } = lee;
    await page.goto(`${webA()}/c/${leeToNoa}`);
    const header = page.getByTestId('mute-toggle');
    await expect(header).toHaveText('Mute');
    await expect(page.getByTestId('conversation').getByTestId('muted-mark')).toHaveCount(0);
    const patch = page.waitForRequest(
      (request) => request.method() === 'PATCH' && request.url().endsWith(`/api/v1/conversations/${leeToNoa}/mute`),
    );
    await header.click();
    expect((await patch).postDataJSON()).toEqual({ muted: true });
    await expect(header).toHaveText('Unmute');
    await expect(page.getByTestId('conversation').getByTestId('muted-mark')).toBeVisible();
    // The node keeps it: a reload shows it muted.
    await page.reload();
    await expect(page.getByTestId('mute-toggle')).toHaveText('Unmute');
    await expect(page.getByTestId('conversation').getByTestId('muted-mark')).toBeVisible();
    expect(await axeViolations(page, 'muted desktop')).toEqual([]);
    await screenshot(page, test.info(), 'push-muted-desktop');

    await max.page.goto(webA());
    const maxConversation = max.page.getByTestId('conversation');
    await maxConversation.click();
    await max.page.getByTestId('mute-toggle').click();
    await expect(max.page.getByTestId('mute-toggle')).toHaveText('Unmute');
    expect(await axeViolations(max.page, 'muted phone thread')).toEqual([]);
    await screenshot(max.page, test.info(), 'push-muted-phone-thread');
    await max.page.getByRole('link', { name: 'Back to conversations' }).click();
    await expect(maxConversation.getByTestId('muted-mark')).toBeVisible();
    expect(await axeViolations(max.page, 'muted phone list')).toEqual([]);
    await screenshot(max.page, test.info(), 'push-muted-phone-list');

    await page.getByTestId('mute-toggle').click();
    await expect(page.getByTestId('mute-toggle')).toHaveText('Mute');
    await expect(page.getByTestId('conversation').getByTestId('muted-mark')).toHaveCount(0);
    const conversation = await lee.person.call('getConversation', { params: { conversationId: leeToNoa } });
    expect(conversation.muted).toBe(false);
  });
});

/**
 * The whole chain: a message received by the node becomes a push to the subscription's push service (a
 * loopback stand-in that decrypts it with the keys made here), which hands it to the service worker.
 * Pia (3083*a.test) gets messages from Quinn (3092*b.test). Needs a node with push switched on.
 */
test.describe.serial('push notifications: node to push service to service worker', () => {
  let pia: { person: ApiPerson; page: Page };
  let quinn: { person: ApiPerson; page: Page };
  let push: PushWorker;
  let service: PushServiceStandIn;
  let subscription: ReturnType<PushServiceStandIn['subscription']>;
  let conversationId = '';
  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;

  test.beforeAll(async ({ browser }) => {
    pia = await newPerson(browser, webA(), DESKTOP);
    quinn = await newPerson(browser, webB(), DESKTOP);
    await pia.person.register('3083', 'Pia Chain');
    const key = await pia.person.request.get(`${webA()}/api/v1/push/key`);
    test.skip(
      !key.ok() || !((await key.json()) as { enabled?: boolean }).enabled,
      `the node on ${webA()} has no push switched on (GET /push/key: ${key.status()})`,
    );
    await quinn.person.register('3092', 'Quinn Sender');
    conversationId = await pia.person.connect(quinn.person, '3092*b.test');
    await pia.person.context.grantPermissions(['notifications'], { origin: webA() });
    await pia.page.goto(webA());
    push = await PushWorker.attach(pia.person.context, webA(), pia.page);
    service = new PushServiceStandIn((plaintext) => push.deliverData(plaintext));
    await service.start();
    subscription = service.subscription();
    await pia.page.close();
  });
  test.afterAll(async () => {
    await service?.stop();
    for (const who of [pia, quinn]) await who?.person.context.close();
  });

  test('a received message reaches the closed inbox as a notification, with the text when previews are on', async () => {
    await pia.person.call('pushSubscribe', { body: { ...subscription, previews: true } });
    await quinn.person.send('3083*a.test', 'Through the whole chain');
    await expect
      .poll(() => push.notifications(), { timeout: 30_000 })
      .toEqual([
        expect.objectContaining({
          title: 'Quinn Sender',
          body: 'Through the whole chain',
          tag: `conversation:${conversationId}`,
        }),
      ]);
    const [first] = service.received;
    expect(first?.authorization).toMatch(/^vapid t=.+, k=.+/);
    expect(JSON.parse(first?.plaintext ?? '{}')).toMatchObject({
      kind: 'message',
      conversationId,
      from: 'Quinn Sender',
      text: 'Through the whole chain',
      files: 0,
    });
    await push.closeNotifications();
  });

  test('without previews the node sends no text and the notification says "New message"', async () => {
    await pia.person.call('pushSubscribe', { body: { ...subscription, previews: false } });
    await quinn.person.send('3083*a.test', 'Not in the notification');
    await expect
      .poll(() => push.notifications(), { timeout: 30_000 })
      .toEqual([expect.objectContaining({ title: 'Quinn Sender', body: 'New message' })]);
    expect(JSON.parse(service.received.at(-1)?.plaintext ?? '{}')).toMatchObject({ text: null });
    expect(service.received.map((received) => received.plaintext).join('')).not.toContain('Not in the notification');
    await push.closeNotifications();
  });

  test('a muted conversation sends no push; unmuted, it does again', async () => {
    await pia.person.call('muteConversation', { params: { conversationId }, body: { muted: true } });
    const before = service.received.length;
    await quinn.person.send('3083*a.test', 'While muted');
    // Pia sees it arrive (the node took it), and the push service still got nothing a while after.
    await expect
      .poll(async () => (await pia.person.call('getConversation', { params: { conversationId } })).lastMessage?.text)
      .toBe('While muted');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(service.received.length).toBe(before);

    await pia.person.call('muteConversation', { params: { conversationId }, body: { muted: false } });
    await quinn.person.send('3083*a.test', 'Unmuted again');
    await expect.poll(() => service.received.length, { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(async () => (await push.notifications()).length).toBe(1);
    await push.closeNotifications();
  });
});
