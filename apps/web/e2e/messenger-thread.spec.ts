import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { avatarColourIndex } from '../lib/avatar';
import { DESKTOP, newPerson, PHONE, type ApiPerson, screenshot } from './messenger-helpers';

/**
 * Issue 14, "Look and feel of a modern messenger": Jon (310*a.test, desktop), Kim (320*b.test, on a
 * phone) and Lou (330*b.test, desktop). Days and groups, delivery icons with accessible names,
 * per-message actions (hover and keyboard on desktop, long press on a phone), skeletons while
 * loading, avatars, and failures said in sentences with the code below.
 */
test.describe.serial('a thread like the messengers people use', () => {
  let jon: { person: ApiPerson; page: Page };
  let kim: { person: ApiPerson; page: Page };
  let lou: { person: ApiPerson; page: Page };
  let jonToKim = '';
  let jonToLou = '';

  const webA = () => process.env.E2E_WEB_A as string;
  const webB = () => process.env.E2E_WEB_B as string;
  const messages = (page: Page) => page.getByTestId('message');
  const composerOf = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

  async function nodeControl(domain: string, action: 'stop' | 'start') {
    const response = await fetch(`${process.env.E2E_CONTROL}/nodes/${domain}/${action}`, { method: 'POST' });
    expect(response.status, await response.text()).toBe(204);
  }

  /** The id of `person`'s contact with `address`. */
  async function contactId(person: ApiPerson, address: string): Promise<string> {
    const { items } = await person.call('listContacts');
    const found = items.find((item) => item.address === address);
    if (!found) throw new Error(`no contact ${address}`);
    return found.id;
  }

  async function setBlocked(person: ApiPerson, address: string, blocked: boolean) {
    await person.call('updateContact', { params: { id: await contactId(person, address) }, body: { blocked } });
  }

  async function threadLength(person: ApiPerson, conversationId: string): Promise<number> {
    return (await person.call('conversationMessages', { params: { conversationId } })).items.length;
  }

  /** axe on the page as it is, light and dark: nothing critical or serious. */
  async function expectAccessible(page: Page, what: string) {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const violation of violations.filter((one) => one.impact === 'critical' || one.impact === 'serious')) {
        found.push(
          `${colorScheme}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
        );
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(found, what).toEqual([]);
  }

  test.beforeAll(async ({ browser }) => {
    jon = await newPerson(browser, webA(), DESKTOP);
    kim = await newPerson(browser, webB(), PHONE);
    lou = await newPerson(browser, webB(), DESKTOP);
    await jon.person.register('310', 'Jon Thread');
    await kim.person.register('320', 'Kim Thread');
    await lou.person.register('330', 'Lou Thread');
    jonToKim = await jon.person.connect(kim.person, '320*b.test');
    jonToLou = await jon.person.connect(lou.person, '330*b.test');
    for (const origin of [webA(), webB()]) {
      for (const who of [jon, kim])
        await who.person.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    }
    // Three from Jon, two answers from Kim (once Jon's node has them all), one more from Jon: three groups.
    for (const text of ['Morning Kim', 'Are we still on for lunch?', 'The place by the river'])
      await jon.person.send('320*b.test', text);
    await expect.poll(() => threadLength(jon.person, jonToKim)).toBe(3);
    for (const text of ['Yes!', 'See you at noon']) await kim.person.send('310*a.test', text);
    await expect.poll(() => threadLength(jon.person, jonToKim)).toBe(5);
    await jon.person.send('320*b.test', 'Great');
  });
  test.afterAll(async () => {
    for (const who of [jon, kim, lou]) await who?.person.context.close();
  });

  test('a day separator, messages grouped by side with one time per group, a tick on each delivered one', async () => {
    const { page } = jon;
    await page.goto(`${webA()}/c/${jonToKim}`);
    await expect(page.getByRole('heading', { name: 'Kim Thread', level: 1 })).toBeVisible();
    await expect(messages(page)).toHaveCount(6);
    await expect(page.getByTestId('day-separator')).toHaveText(['Today']);
    await expect(page.getByRole('heading', { name: 'Today', level: 2 })).toBeVisible();
    // out 3, in 2, out 1: three groups, each with one time under its last message.
    await expect(page.locator('[data-testid=message][data-group-start]')).toHaveCount(3);
    await expect(page.getByTestId('group-time')).toHaveCount(3);
    await expect(messages(page).nth(2).getByTestId('group-time')).toHaveCount(1);
    await expect(messages(page).nth(0).getByTestId('group-time')).toHaveCount(0);
    const own = page.locator('[data-testid=message][data-direction=out]');
    await expect(own).toHaveCount(4);
    for (const message of await own.all()) {
      await expect(message).toHaveAttribute('data-state', 'delivered');
      await expect(message.getByRole('img', { name: /^Delivered/ })).toBeVisible();
    }
    await expect(page.locator('[data-testid=message][data-direction=in]').getByTestId('message-state')).toHaveCount(0);
    // Icons, not words, beside the bubbles.
    await expect(page.getByTestId('message-scroller')).not.toContainText('Delivered');
    await screenshot(page, test.info(), 'thread-groups-desktop');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, test.info(), 'thread-groups-desktop-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('while their node is down: a clock named with the reason and the time we keep trying until; back up: a tick', async () => {
    const { page } = jon;
    await nodeControl('b.test', 'stop');
    try {
      await composerOf(page).fill('Running late');
      await composerOf(page).press('Enter');
      const waiting = messages(page).last();
      await expect(waiting).toContainText('Running late');
      const clock = waiting.getByRole('img', {
        name: /^Not delivered yet: Kim Thread's node could not be reached\. We keep trying until /,
      });
      await expect(clock).toBeVisible();
      await expect(waiting.getByTestId('failure-sentence')).toContainText(
        "Kim Thread's node could not be reached. We keep trying until",
      );
      await expect(waiting.getByTestId('failure-reason')).toContainText('connect');
      await screenshot(page, test.info(), 'thread-retrying-desktop');
    } finally {
      await nodeControl('b.test', 'start');
    }
    const delivered = messages(page).filter({ hasText: 'Running late' });
    await expect(delivered).toHaveAttribute('data-state', 'delivered', { timeout: 30_000 });
    await expect(delivered.getByRole('img', { name: /^Delivered/ })).toBeVisible();
    await expect(delivered.getByTestId('failure')).toHaveCount(0);
  });

  test('refused (SM_E002): a failed mark with the sentence on hover and click, the code below; Retry from the menu delivers', async () => {
    const { page } = jon;
    await setBlocked(lou.person, '310*a.test', true);
    await page.goto(`${webA()}/c/${jonToLou}`);
    await expect(page.getByRole('heading', { name: 'Lou Thread', level: 1 })).toBeVisible();
    await expect(page.locator('[data-stream=live]')).toHaveCount(1); // the refusal comes over the stream
    await composerOf(page).fill('Lou, are you there?');
    await composerOf(page).press('Enter');
    const failed = messages(page).last();
    await expect(failed).toHaveAttribute('data-state', 'failed');
    const sentence =
      'Lou Thread is not accepting messages from you. They may have blocked you, or their address takes no messages.';
    await expect(failed.getByTestId('failure-sentence')).toHaveText(sentence);
    await expect(failed.getByTestId('failure-reason')).toContainText('SM_E002');
    const mark = failed.getByRole('button', { name: `Not delivered: ${sentence}`, exact: true });
    await expect(mark).toHaveAttribute('title', `Not delivered: ${sentence}`); // the tooltip on hover
    await mark.click(); // and on a click or tap
    await expect(failed.getByRole('tooltip')).toHaveText(`Not delivered: ${sentence}`);
    await mark.click();
    await expect(failed.getByRole('tooltip')).toHaveCount(0);
    await expect(page.getByTestId('reconnect-offer')).toHaveCount(0); // blocked is not deleted
    await screenshot(page, test.info(), 'thread-failed-desktop');
    await expectAccessible(page, 'a thread with a failed message (desktop)');

    await setBlocked(lou.person, '310*a.test', false);
    await failed.hover();
    await failed.getByRole('button', { name: 'Message actions' }).click();
    await expect(page.getByRole('menu', { name: 'Message actions' })).toBeVisible();
    await page.getByRole('menuitem', { name: 'Retry' }).click();
    await expect(failed).toHaveAttribute('data-state', 'delivered');
    await expect(failed.getByRole('img', { name: /^Delivered/ })).toBeVisible();
    await expect(failed.getByTestId('failure')).toHaveCount(0);
  });

  test('actions on desktop: copy text, delete for me (gone after a reload too), all by keyboard', async () => {
    const { page } = jon;
    await page.goto(`${webA()}/c/${jonToKim}`);
    const message = messages(page).filter({ hasText: 'The place by the river' });
    const actions = message.getByRole('button', { name: 'Message actions' });
    await message.hover();
    await expect(actions).toBeVisible();
    await actions.click();
    await page.getByRole('menuitem', { name: 'Copy text' }).click();
    await expect(page.getByRole('menu')).toHaveCount(0);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('The place by the river');

    // Keyboard: the button (reached with → from its message) opens the menu on its first item with Enter, arrows move, Escape closes it.
    const incoming = messages(page).filter({ hasText: 'See you at noon' });
    await incoming.getByRole('button', { name: 'Message actions' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Copy text' })).toBeFocused();
    await expect(page.getByRole('menuitem', { name: 'Retry' })).toHaveCount(0); // only for a failed message
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Delete for me' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(incoming.getByRole('button', { name: 'Message actions' })).toBeFocused();

    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp'); // wraps to the last item
    await expect(page.getByRole('menuitem', { name: 'Delete for me' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(incoming).toHaveCount(0);
    await expect(messages(page)).toHaveCount(6);
    await page.reload();
    await expect(messages(page)).toHaveCount(6);
    await expect(messages(page).filter({ hasText: 'See you at noon' })).toHaveCount(0);
    // Only Jon's copy went: Kim still has it.
    await kim.page.goto(`${webB()}/`);
    await kim.page.getByTestId('conversation').filter({ hasText: 'Jon Thread' }).click();
    await expect(messages(kim.page).filter({ hasText: 'See you at noon' })).toHaveCount(1);
  });

  test('on a phone: a long press opens the actions; the failed mark shows its reason on tap; Retry delivers', async () => {
    const { page } = kim;
    await expect(page.getByRole('heading', { name: 'Jon Thread', level: 1 })).toBeVisible();
    await setBlocked(jon.person, '320*b.test', true);
    await composerOf(page).fill('Did you block me?');
    await page.getByRole('button', { name: 'Send' }).tap();
    const failed = messages(page).last();
    await expect(failed).toHaveAttribute('data-state', 'failed');
    const sentence =
      'Jon Thread is not accepting messages from you. They may have blocked you, or their address takes no messages.';
    await failed.getByRole('button', { name: `Not delivered: ${sentence}`, exact: true }).tap();
    await expect(failed.getByRole('tooltip')).toHaveText(`Not delivered: ${sentence}`);
    await expect(failed.getByTestId('failure-reason')).toContainText('SM_E002');
    await screenshot(page, test.info(), 'thread-failed-phone');
    await expectAccessible(page, 'a thread with a failed message (phone)');

    // A long press: the finger rests on the bubble until the menu opens, then lifts.
    const text = messages(page).filter({ hasText: 'The place by the river' }).getByTestId('message-text');
    const box = await text.boundingBox();
    const at = {
      clientX: (box?.x ?? 0) + 10,
      clientY: (box?.y ?? 0) + 10,
      pointerType: 'touch',
      isPrimary: true,
      bubbles: true,
    };
    await text.dispatchEvent('pointerdown', at);
    await expect(page.getByRole('menu', { name: 'Message actions' })).toBeVisible();
    await text.dispatchEvent('pointerup', at);
    await page.getByRole('menuitem', { name: 'Copy text' }).tap();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('The place by the river');

    await setBlocked(jon.person, '320*b.test', false);
    const failedText = failed.getByTestId('message-text');
    await failedText.dispatchEvent('pointerdown', at);
    await expect(page.getByRole('menuitem', { name: 'Retry' })).toBeVisible();
    await failedText.dispatchEvent('pointerup', at);
    await page.getByRole('menuitem', { name: 'Retry' }).tap();
    await expect(failed).toHaveAttribute('data-state', 'delivered');
    await expect(messages(jon.page).last()).toContainText('Did you block me?');
  });

  test('skeletons stand in for the conversation list and the thread while they load (answers slowed, not faked)', async () => {
    const { page } = jon;
    // With nothing saved for offline (lib/offline/query-persister.ts): saved conversations and messages are shown at
    // once instead, and the skeletons are for a first load.
    const forgetSaved = () =>
      page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase('openmsg-saved-inbox');
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      );
    if (page.url().startsWith(webA())) await forgetSaved(); // a page not on the inbox yet has nothing saved
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = async (route: import('@playwright/test').Route) => {
      await gate;
      await route.continue();
    };
    await page.route(/\/api\/v1\/conversations(\?|$)/, slow);
    await page.route(/\/api\/v1\/conversations\/[^/]+\/messages/, slow);
    await page.goto(`${webA()}/c/${jonToKim}`);
    await expect(page.getByRole('status', { name: 'Loading conversations' })).toBeVisible();
    await screenshot(page, test.info(), 'skeleton-conversations-desktop');
    release();
    await expect(page.getByRole('status', { name: 'Loading conversations' })).toHaveCount(0);
    await expect(messages(page)).toHaveCount(7);
    await page.unroute(/\/api\/v1\/conversations(\?|$)/);

    // Switching to a thread not loaded yet: its skeleton until its messages come.
    let releaseThread: () => void = () => undefined;
    const threadGate = new Promise<void>((resolve) => (releaseThread = resolve));
    await page.unroute(/\/api\/v1\/conversations\/[^/]+\/messages/);
    await page.route(/\/api\/v1\/conversations\/[^/]+\/messages/, async (route) => {
      await threadGate;
      await route.continue();
    });
    await forgetSaved();
    await page.reload();
    await expect(page.getByRole('status', { name: 'Loading messages' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Kim Thread', level: 1 })).toBeVisible();
    releaseThread();
    await expect(page.getByRole('status', { name: 'Loading messages' })).toHaveCount(0);
    await expect(messages(page)).toHaveCount(7);
    await page.unroute(/\/api\/v1\/conversations\/[^/]+\/messages/);

    let releaseContacts: () => void = () => undefined;
    const contactsGate = new Promise<void>((resolve) => (releaseContacts = resolve));
    await page.route(/\/api\/v1\/contacts$/, async (route) => {
      await contactsGate;
      await route.continue();
    });
    await page.goto(`${webA()}/contacts`);
    await expect(page.getByRole('status', { name: 'Loading contacts' })).toBeVisible();
    releaseContacts();
    await expect(page.getByTestId('contact')).toHaveCount(2);
    await page.unroute(/\/api\/v1\/contacts$/);
  });

  test('avatars: initials on a colour from the address, the same in the list, the thread and contacts, across reloads and for both sides', async () => {
    const { page } = jon;
    const expected = String(avatarColourIndex('320*b.test'));
    const kimInList = () => page.getByTestId('conversation').filter({ hasText: 'Kim Thread' }).getByTestId('avatar');
    await page.goto(`${webA()}/c/${jonToKim}`);
    await expect(kimInList()).toHaveText('KT');
    await expect(kimInList()).toHaveAttribute('data-colour', expected);
    const colour = await kimInList().evaluate((element) => getComputedStyle(element).backgroundColor);
    const header = page.getByRole('region', { name: 'Thread' }).getByTestId('avatar').first();
    await expect(header).toHaveAttribute('data-colour', expected);
    expect(await header.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(colour);
    await page.reload();
    await expect(kimInList()).toHaveAttribute('data-colour', expected);
    expect(await kimInList().evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(colour);
    await page.goto(`${webA()}/contacts`);
    const inContacts = page.getByTestId('contact').filter({ hasText: '320*b.test' }).getByTestId('avatar');
    await expect(inContacts).toHaveAttribute('data-colour', expected);
    expect(await inContacts.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(colour);
    // Two contacts, two colours here (their addresses differ in the hash); Kim sees Jon's colour from Jon's address.
    await expect(page.getByTestId('contact').filter({ hasText: '330*b.test' }).getByTestId('avatar')).toHaveAttribute(
      'data-colour',
      String(avatarColourIndex('330*b.test')),
    );
    await kim.page.goto(`${webB()}/`);
    await expect(
      kim.page.getByTestId('conversation').filter({ hasText: 'Jon Thread' }).getByTestId('avatar'),
    ).toHaveAttribute('data-colour', String(avatarColourIndex('310*a.test')));
  });

  test('the contact deleted the connection (SM_E001): the thread says so and offers to connect again with the address', async () => {
    const { page } = jon;
    await kim.person.call('deleteContact', { params: { id: await contactId(kim.person, '310*a.test') } });

    await page.goto(`${webA()}/c/${jonToKim}`);
    // The refusal comes back over the live stream: an event sent before the page's stream was open is not in it.
    await expect(page.locator('[data-stream=live]')).toHaveCount(1);
    await composerOf(page).fill('Hello?');
    await composerOf(page).press('Enter');
    const failed = messages(page).last();
    await expect(failed).toHaveAttribute('data-state', 'failed');
    await expect(failed.getByTestId('failure-sentence')).toHaveText(
      'Kim Thread deleted the connection with you: they no longer receive your messages. Connect with them again with a new pass code from them.',
    );
    await expect(failed.getByTestId('failure-reason')).toContainText('SM_E001');
    const offer = page.getByTestId('reconnect-offer');
    await expect(offer).toContainText('Kim Thread deleted the connection with you');
    await expect(offer.getByRole('link', { name: 'Connect again' })).toHaveAttribute(
      'href',
      '/connect?address=320*b.test',
    );
    await screenshot(page, test.info(), 'thread-reconnect-desktop');
    await expectAccessible(page, 'a thread offering to reconnect');
    await offer.getByRole('link', { name: 'Connect again' }).click();
    await expect(page).toHaveURL(`${webA()}/connect?address=320*b.test`);

    // The contact says so too, until a new handshake (their node no longer knows the old one, so it may be replaced).
    await page.goto(`${webA()}/contacts`);
    const forgotten = page.getByTestId('contact').filter({ hasText: '320*b.test' }).getByTestId('contact-forgotten');
    await expect(forgotten).toContainText('Kim Thread deleted this connection');
    await forgotten.getByRole('link', { name: 'Connect again' }).click();
    await page.getByLabel('Pass code').fill(await kim.person.passCode());
    await page.getByRole('button', { name: /^Connect$/ }).click();
    await expect(page).toHaveURL(/\/c\//);
    await page.goto(`${webA()}/contacts`);
    await expect(page.getByTestId('contact').filter({ hasText: '320*b.test' })).toBeVisible();
    await expect(page.getByTestId('contact-forgotten')).toHaveCount(0);
  });

  test('seen a day and a week later (the browser clock moved on): Yesterday, then the date in the locale', async () => {
    const { page, person } = jon;
    const dayMs = 86_400_000;
    // From the newest message's own time, not the test's: a run that crosses midnight moves "today" with it.
    const { items } = await person.call('conversationMessages', {
      params: { conversationId: jonToLou },
      query: { limit: 1 },
    });
    const newest = Date.parse(items[0]!.createdAt);
    const separators = page.getByTestId('day-separator');
    await page.clock.setFixedTime(new Date(newest + dayMs));
    await page.goto(`${webA()}/c/${jonToLou}`);
    await expect(separators.last()).toHaveText('Yesterday');
    await page.clock.setFixedTime(new Date(newest + 7 * dayMs));
    await page.reload();
    const written = await page.evaluate(
      (ms) => new Date(ms).toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'long' }),
      newest,
    );
    await expect(separators.last()).toHaveText(written);
  });
  test('written in quick succession: each message goes, in the order written, and nothing typed meanwhile is lost (phone)', async () => {
    const { page } = kim;
    await page.goto(webB());
    await page.getByTestId('conversation').filter({ hasText: 'Jon Thread' }).click();
    const composer = composerOf(page);
    const texts = ['one', 'two', 'three', 'four', 'five'].map((word) => `Quick ${word}`);
    // Each typed and sent without waiting for the one before to be answered.
    for (const text of texts) {
      await composer.fill(text);
      await composer.press('Enter');
    }
    await expect(composer).toHaveValue('');
    const sent = messages(page).filter({ hasText: /^Quick / });
    await expect(sent).toContainText(texts);
    await expect(sent).toHaveCount(texts.length);
    for (const message of await sent.all()) await expect(message).toHaveAttribute('data-state', 'delivered');

    // A text written offline waits (the outbox) and goes once the connection is back.
    await kim.person.context.setOffline(true);
    try {
      await composer.fill('Sent while offline');
      await composer.press('Enter');
      await expect(composer).toHaveValue('');
      await expect(page.getByTestId('waiting-message')).toContainText('Sent while offline');
    } finally {
      await kim.person.context.setOffline(false);
    }
    await expect(messages(page).last()).toContainText('Sent while offline');
    await expect(page.getByTestId('waiting-message')).toHaveCount(0);
    await screenshot(page, test.info(), 'thread-quick-succession-phone');
  });

  test('a node that cannot save messages right now: the text waits, says so, and goes once it can, in order (phone)', async () => {
    const { page } = kim;
    const composer = composerOf(page);
    const waiting = page.getByTestId('composer-waiting');
    // The node's answer during a storage fault (its real faults are tested in the server's
    // test/in-process/operations/storage-faults.test.ts): 503 storage_full with Retry-After, twice.
    let refused = 0;
    await page.route('**/api/v1/messages', async (route) => {
      if (route.request().method() !== 'POST' || refused >= 2) return route.continue();
      refused++;
      return route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '2' },
        body: JSON.stringify({
          statusCode: 503,
          error: 'storage_full',
          message: 'this node cannot save anything right now: its disk is full',
        }),
      });
    });
    try {
      await composer.fill('Waits for the disk');
      await composer.press('Enter');
      await expect(composer).toHaveValue('');
      await expect(waiting).toHaveText(
        '1 message is waiting. Your node cannot save messages right now; this one will be sent when it can.',
      );
      await composer.fill('Written while waiting');
      await composer.press('Enter');
      await expect(waiting).toContainText('2 messages are waiting');
      // Not an error given back with the text: the node's own sentence is not shown.
      await expect(page.getByText('its disk is full')).toHaveCount(0);
      await expectAccessible(page, 'the composer with messages waiting');
      await screenshot(page, test.info(), 'thread-waiting-for-storage-phone');
      await expect(waiting).toHaveText('', { timeout: 15_000 });
      expect(refused).toBe(2);
      const sent = messages(page).filter({ hasText: /Waits for the disk|Written while waiting/ });
      await expect(sent).toContainText(['Waits for the disk', 'Written while waiting']);
      await expect(sent).toHaveCount(2);
      for (const message of await sent.all()) await expect(message).toHaveAttribute('data-state', 'delivered');
      await expect(composer).toHaveValue('');
    } finally {
      await page.unroute('**/api/v1/messages');
    }
  });
});
