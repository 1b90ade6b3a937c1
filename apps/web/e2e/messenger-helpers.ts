import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  type ApiRouteName,
  apiRoutes,
  type ApiRoutes,
  routeUrl,
  type RouteInputArgs,
  type RouteResponse,
} from '@openmsg/core/api';
import AxeBuilder from '@axe-core/playwright';
import { PASSWORD } from './people';

export const SCREENSHOTS = path.join(__dirname, '../test-results/screenshots');
/** Playwright's output folder: the run's artifacts (what CI keeps); screenshots are copied there too. */
export const ARTIFACTS = path.join(__dirname, '../test-results/artifacts');
export const DESKTOP = { width: 1366, height: 850 };
export const PHONE = { width: 390, height: 844 };

/** Texts a peer can send that have no place to break: each must wrap inside its bubble. */
export const LONG_TEXTS = [
  'a'.repeat(2000),
  '😀🎉🚀'.repeat(80),
  'שלוםעולם'.repeat(40),
  `https://example.com/track/${'x7'.repeat(150)}?id=${'0'.repeat(80)}`,
  '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
];

/** A person driven through the client API with their browser context's session (cookies and CSRF header). */
export class ApiPerson {
  constructor(
    readonly context: BrowserContext,
    readonly base: string,
  ) {}

  get request(): APIRequestContext {
    return this.context.request;
  }

  /**
   * Calls a route of the contract (`apiRoutes`) by name, as the inbox would (session cookie, CSRF
   * header): path parameters, body, query and answer typed from it. Expects success.
   */
  async call<N extends ApiRouteName>(name: N, ...[input]: RouteInputArgs<N>): Promise<RouteResponse<ApiRoutes[N]>> {
    const route = apiRoutes[name];
    const { params, query, body } = (input ?? {}) as {
      params?: Record<string, string>;
      query?: Record<string, unknown>;
      body?: unknown;
    };
    const csrf = (await this.context.cookies(this.base)).find((cookie) => cookie.name === 'om_csrf')?.value ?? '';
    const response = await this.request.fetch(`${this.base}${routeUrl(route, { params, query })}`, {
      method: route.method,
      data: body,
      headers: { 'x-csrf-token': csrf },
    });
    expect(response.ok(), await response.text()).toBe(true);
    return (response.status() === 204 ? undefined : await response.json()) as RouteResponse<ApiRoutes[N]>;
  }

  async register(addressId: string, displayName: string) {
    await this.call('register', { body: { addressId, displayName, password: PASSWORD } });
  }

  passCode = () => this.call('createPassCode', { body: {} }).then((created) => created.code);
  /** Connects with `other`'s fresh pass code; answers the new conversation's id. */
  connect = async (other: ApiPerson, address: string) =>
    (await this.call('connect', { body: { address, passCode: await other.passCode() } })).conversationId;
  send = (to: string, text: string) => this.call('sendMessage', { body: { to, text } });
}

export async function newPerson(browser: Browser, base: string, viewport: { width: number; height: number }) {
  const phone = viewport.width < 500;
  const context = await browser.newContext({ viewport, isMobile: phone, hasTouch: phone });
  return { person: new ApiPerson(context, base), page: await context.newPage() };
}

/** What scrolls sideways: the page itself, and any element that scrolls its overflow (a thread, the list). */
export function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const overflow = getComputedStyle(element).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth + 1) {
        found.push(
          `${element.tagName.toLowerCase()}[${element.getAttribute('aria-label') ?? element.className.slice(0, 40)}] ${element.scrollWidth} > ${element.clientWidth}`,
        );
      }
    }
    return found;
  });
}

/** The page does not scroll sideways, and every element named stays inside the viewport. */
export async function expectNoSidewaysScroll(page: Page, what: string) {
  expect(await sidewaysScrollers(page), what).toEqual([]);
}

export async function expectInsideViewport(page: Page, selector: string) {
  const width = page.viewportSize()?.width ?? 0;
  const outside = await page
    .locator(selector)
    .evaluateAll(
      (elements, right) =>
        elements
          .map((element) => element.getBoundingClientRect())
          .filter((box) => box.width > 0 && (box.left < 0 || box.right > right + 0.5)).length,
      width,
    );
  expect(outside, `${selector} beyond the viewport`).toBe(0);
}

export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  mkdirSync(ARTIFACTS, { recursive: true });
  copyFileSync(file, path.join(ARTIFACTS, `${name}.png`));
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** axe on the page as it is, light and dark: no violation of any impact. */
export async function expectAccessible(page: Page, what: string) {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const violation of violations)
      found.push(
        `${colorScheme}: ${violation.id} (${violation.impact}) ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found, what).toEqual([]);
}
