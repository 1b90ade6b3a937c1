import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page, test, type TestInfo } from '@playwright/test';
import { createTranslator } from 'next-intl';
import { englishMessages } from '../messages/en';
import arAuth from '../messages/ar/auth.json';
import arCommon from '../messages/ar/common.json';
import arComposer from '../messages/ar/composer.json';
import arConnect from '../messages/ar/connect.json';
import arDelivery from '../messages/ar/delivery.json';
import arInbox from '../messages/ar/inbox.json';
import arNav from '../messages/ar/nav.json';
import arPasscodes from '../messages/ar/passcodes.json';
import arSettings from '../messages/ar/settings.json';
import arWelcome from '../messages/ar/welcome.json';
import deAuth from '../messages/de/auth.json';
import deCommon from '../messages/de/common.json';
import deComposer from '../messages/de/composer.json';
import deConnect from '../messages/de/connect.json';
import deDelivery from '../messages/de/delivery.json';
import deInbox from '../messages/de/inbox.json';
import deNav from '../messages/de/nav.json';
import dePasscodes from '../messages/de/passcodes.json';
import deSettings from '../messages/de/settings.json';
import deWelcome from '../messages/de/welcome.json';
import { ApiPerson, DESKTOP, expectNoSidewaysScroll, PHONE, screenshot } from './messenger-helpers';
import { PASSWORD } from './people';

/**
 * The main flows in one left-to-right language (German, the longest) and one right-to-left (Arabic): sign up,
 * generate a pass code, connect with it, write and receive, and switch the language in Settings. The browser asks
 * for the language (its locale, so Accept-Language too); every text the test looks for comes from the catalogues.
 */
const LANGUAGES = [
  {
    locale: 'de' as const,
    browserLocale: 'de-DE',
    dir: 'ltr',
    messages: {
      auth: deAuth,
      common: deCommon,
      composer: deComposer,
      connect: deConnect,
      delivery: deDelivery,
      inbox: deInbox,
      nav: deNav,
      passcodes: dePasscodes,
      settings: deSettings,
      welcome: deWelcome,
    },
    numbers: ['7101', '7102'],
  },
  {
    locale: 'ar' as const,
    browserLocale: 'ar',
    dir: 'rtl',
    messages: {
      auth: arAuth,
      common: arCommon,
      composer: arComposer,
      connect: arConnect,
      delivery: arDelivery,
      inbox: arInbox,
      nav: arNav,
      passcodes: arPasscodes,
      settings: arSettings,
      welcome: arWelcome,
    },
    numbers: ['7201', '7202'],
  },
];

const webA = () => process.env.E2E_WEB_A as string;
const webB = () => process.env.E2E_WEB_B as string;

async function axe(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations, `${what}: ${violations.map((violation) => violation.id).join(', ')}`).toEqual([]);
}

for (const language of LANGUAGES) {
  const { locale, browserLocale, dir, numbers } = language;
  const messages = { ...englishMessages, ...language.messages } as unknown as typeof englishMessages;
  const t = createTranslator({ locale, messages });

  test.describe.serial(`the inbox in ${locale} (${dir})`, () => {
    let ownerContext: BrowserContext;
    let guestContext: BrowserContext;
    let owner: Page;
    let guest: Page;
    let code = '';
    const [ownerNumber, guestNumber] = numbers as [string, string];
    const ownerName = locale === 'ar' ? 'ليلى حداد' : 'Greta Großmann-Schäfer';
    const guestName = locale === 'ar' ? 'Omar Haddad' : 'Jonas Weiß';
    const nav = (page: Page, key: 'inbox' | 'connect' | 'passCodes' | 'settings') =>
      page.getByRole('navigation', { name: t('nav.main') }).getByRole('link', { name: t(`nav.${key}`) });

    const open = async (browser: Browser, viewport: typeof DESKTOP) => {
      const phone = viewport.width < 500;
      return browser.newContext({ viewport, isMobile: phone, hasTouch: phone, locale: browserLocale });
    };

    test.beforeAll(async ({ browser }) => {
      ownerContext = await open(browser, DESKTOP);
      guestContext = await open(browser, PHONE);
      owner = await ownerContext.newPage();
      guest = await guestContext.newPage();
    });
    test.afterAll(async () => {
      await ownerContext?.close();
      await guestContext?.close();
    });

    test('signs up in the browser’s language, with the page in its direction', async ({
      browserName: _browser,
    }, testInfo: TestInfo) => {
      await owner.goto(`${webA()}/sign-up`);
      await expect(owner.locator('html')).toHaveAttribute('lang', locale);
      await expect(owner.locator('html')).toHaveAttribute('dir', dir);
      await expect(owner.getByRole('heading', { name: t('auth.signUp.title') })).toBeVisible();
      await expect(owner.getByLabel(t('settings.language.label'))).toBeVisible(); // the picker, signed out too
      await axe(owner, 'sign-up');
      await screenshot(owner, testInfo, `languages-${locale}-sign-up-desktop`);
      await owner.getByLabel(t('auth.signUp.number')).fill(ownerNumber);
      await owner.getByLabel(t('auth.signUp.displayName')).fill(ownerName);
      await owner.getByLabel(t('auth.password'), { exact: true }).fill(PASSWORD);
      await owner.getByRole('button', { name: t('auth.signUp.submit') }).click();
      const welcome = t.markup('welcome.title', { name: ownerName, user: (chunks) => chunks });
      await expect(owner.getByRole('heading', { name: welcome })).toBeVisible();
      await expect(owner.getByTestId('welcome-address')).toHaveText(`${ownerNumber}*a.test`);
      await expectNoSidewaysScroll(owner, 'welcome');
      await axe(owner, 'welcome');
      await screenshot(owner, testInfo, `languages-${locale}-welcome-desktop`);
      await owner.getByRole('link', { name: t('welcome.inbox') }).click();
      await expect(owner.getByRole('heading', { name: t('inbox.empty.title') })).toBeVisible();
    });

    test('generates a pass code', async ({ browserName: _browser }, testInfo: TestInfo) => {
      await nav(owner, 'passCodes').click();
      await expect(owner.getByRole('heading', { name: t('passcodes.title'), level: 1 })).toBeVisible();
      await owner.getByRole('button', { name: t('passcodes.generate') }).click();
      const shown = owner.getByTestId('pass-code');
      code = (await shown.innerText()).replace(/\s/g, '');
      expect(code).toMatch(/^[0-9]{6}$/);
      await expect(owner.getByTestId('pass-code-title')).toHaveText(t('passcodes.new.title'));
      await expect(owner.getByRole('button', { name: t('passcodes.new.copyText') })).toBeVisible();
      await expectNoSidewaysScroll(owner, 'pass codes');
      await axe(owner, 'pass codes');
      await screenshot(owner, testInfo, `languages-${locale}-pass-code-desktop`);
    });

    test('connects with the pass code on a phone, and writes', async ({
      browserName: _browser,
    }, testInfo: TestInfo) => {
      await new ApiPerson(guestContext, webB()).register(guestNumber, guestName);
      await guest.goto(`${webB()}/connect`);
      await expect(guest.locator('html')).toHaveAttribute('dir', dir);
      await expect(guest.getByRole('heading', { name: t('connect.title'), level: 1 })).toBeVisible();
      await guest.getByLabel(t('connect.address')).fill(`${ownerNumber}*a.test`);
      await guest.getByLabel(t('connect.passCode')).fill(code);
      await expectNoSidewaysScroll(guest, 'connect');
      await axe(guest, 'connect');
      await screenshot(guest, testInfo, `languages-${locale}-connect-phone`);
      await guest.getByRole('button', { name: t('connect.submit') }).click();
      await expect(guest.getByRole('heading', { name: ownerName })).toBeVisible();

      const composer = guest.getByRole('textbox', { name: t('composer.label'), exact: true });
      await expect(composer).toHaveAttribute('placeholder', t('composer.placeholder'));
      await composer.fill(locale === 'ar' ? 'مرحبًا! هل وصلتك رسالتي؟' : 'Hallo! Ist meine Nachricht angekommen?');
      await composer.press('Enter');
      const own = guest.locator('[data-testid="message"][data-direction="out"]').last();
      await expect(own).toHaveAttribute('data-state', 'delivered');
      // The own bubble sits at the end of the line: on the right in German, on the left in Arabic.
      const bubble = (await own.getByTestId('message-text').boundingBox())!;
      const [fromLeft, fromRight] = [bubble.x, PHONE.width - (bubble.x + bubble.width)];
      if (dir === 'rtl') expect(fromLeft).toBeLessThan(fromRight);
      else expect(fromRight).toBeLessThan(fromLeft);
      await expect(own.getByTestId('message-state')).toHaveAttribute(
        'aria-label',
        new RegExp(`^${t('delivery.state.delivered')}`),
      );
      await expectNoSidewaysScroll(guest, 'thread');
      await axe(guest, 'thread');
      await screenshot(guest, testInfo, `languages-${locale}-thread-phone`);
    });

    test('receives the message, and answers', async ({ browserName: _browser }, testInfo: TestInfo) => {
      await nav(owner, 'inbox').click();
      const conversation = owner.getByTestId('conversation').first();
      await expect(conversation).toContainText(guestName);
      await expect(conversation.getByTestId('unread-badge')).toHaveAttribute(
        'aria-label',
        t('inbox.list.unread', { count: 1 }),
      );
      await conversation.click();
      const received = owner.locator('[data-testid="message"][data-direction="in"]').last();
      await expect(received).toBeVisible();
      await expect(owner.getByTestId('day-separator').last()).toHaveText(t('common.time.today'));
      const composer = owner.getByRole('textbox', { name: t('composer.label'), exact: true });
      await composer.fill(locale === 'ar' ? 'نعم، وصلت. شكرًا!' : 'Ja, angekommen. Danke!');
      await composer.press('Enter');
      await expect(owner.locator('[data-testid="message"][data-direction="out"]').last()).toHaveAttribute(
        'data-state',
        'delivered',
      );
      await expectNoSidewaysScroll(owner, 'thread (desktop)');
      await axe(owner, 'thread (desktop)');
      await screenshot(owner, testInfo, `languages-${locale}-thread-desktop`);
      await expect(guest.locator('[data-testid="message"][data-direction="in"]').last()).toBeVisible();
    });

    test('switches the language in Settings, and back to the browser’s', async ({
      browserName: _browser,
    }, testInfo: TestInfo) => {
      await nav(guest, 'settings').click();
      await expect(guest.getByRole('heading', { name: t('settings.title'), level: 1 })).toBeVisible();
      const picker = guest.getByTestId('language-picker');
      await expect(picker.locator('option').first()).toHaveText(
        t('settings.language.browser', { language: locale === 'ar' ? 'العربية' : 'Deutsch' }),
      );
      await expectNoSidewaysScroll(guest, 'settings');
      await axe(guest, 'settings');
      await screenshot(guest, testInfo, `languages-${locale}-settings-phone`);

      const english = createTranslator({ locale: 'en', messages: englishMessages });
      await picker.selectOption('en');
      await expect(guest.locator('html')).toHaveAttribute('lang', 'en');
      await expect(guest.locator('html')).toHaveAttribute('dir', 'ltr');
      await expect(guest.getByRole('heading', { name: english('settings.title'), level: 1 })).toBeVisible();
      const cookie = (await guestContext.cookies()).find((one) => one.name === 'openmsg_locale');
      expect(cookie?.value).toBe('en');
      expect(cookie?.sameSite).toBe('Lax');
      expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(360 * 86_400);

      await guest.getByTestId('language-picker').selectOption('browser');
      await expect(guest.locator('html')).toHaveAttribute('lang', locale);
      await expect(guest.locator('html')).toHaveAttribute('dir', dir);
      await expect(guest.getByRole('heading', { name: t('settings.title'), level: 1 })).toBeVisible();
      expect((await guestContext.cookies()).some((one) => one.name === 'openmsg_locale')).toBe(false);
    });
  });
}
