import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import type { PushPayload } from '@openmsg/core/api';

/**
 * Drives the inbox's service worker through the DevTools protocol: headless Chromium has no way to
 * a real push service here (no internet), so a push message is handed to the worker as the browser
 * would after decrypting one (`ServiceWorker.deliverPushMessage`).
 */
export class PushWorker {
  private constructor(
    readonly context: BrowserContext,
    readonly base: string,
    /** A blank page of the same browser context: the DevTools session lives there, no inbox page. */
    readonly blank: Page,
    private readonly cdp: CDPSession,
    readonly registrationId: string,
  ) {}

  /** Waits until `page` (an inbox page) has its service worker active, and opens the DevTools session. */
  static async attach(context: BrowserContext, base: string, page: Page): Promise<PushWorker> {
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const blank = await context.newPage();
    const cdp = await context.newCDPSession(blank);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find(
          (registration) => registration.scopeURL === `${base}/` && !registration.isDeleted,
        );
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    return new PushWorker(context, base, blank, cdp, await registrationId);
  }

  async deliver(payload: PushPayload | Record<string, unknown>): Promise<void> {
    await this.deliverData(JSON.stringify(payload));
  }

  /** A push message's data as the browser decrypted it. */
  async deliverData(data: string): Promise<void> {
    await this.cdp.send('ServiceWorker.deliverPushMessage', {
      origin: this.base,
      registrationId: this.registrationId,
      data,
    });
  }

  /** The worker's notifications, read in the worker itself (no inbox page needed). */
  async notifications(): Promise<{ title: string; body: string; tag: string; data: Record<string, unknown> }[]> {
    const worker = await this.worker();
    return worker.evaluate(async () => {
      const scope = globalThis as unknown as { registration: ServiceWorkerRegistration };
      const shown = await scope.registration.getNotifications();
      return shown.map((notification) => ({
        title: notification.title,
        body: notification.body,
        tag: notification.tag,
        data: notification.data as Record<string, unknown>,
      }));
    });
  }

  /**
   * Closes the worker's notifications and waits until it lists none. Closing is asynchronous, and Chromium
   * names a tagged notification by its tag: a close still under way when the next push of that conversation
   * shows its notification closes the new one (the next push then counts from nothing).
   */
  async closeNotifications(): Promise<void> {
    const worker = await this.worker();
    await worker.evaluate(async () => {
      const scope = globalThis as unknown as { registration: ServiceWorkerRegistration };
      for (const notification of await scope.registration.getNotifications()) notification.close();
      const deadline = Date.now() + 10_000;
      while ((await scope.registration.getNotifications()).length > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 25));
    });
  }

  /**
   * Dispatches a `notificationclick` for the notification of `tag` inside the worker. Headless Chromium
   * cannot click a system notification, and a script-made event is untrusted, whose waitUntil throws:
   * the test event's own waitUntil collects the handler's promise instead. Answers the handler's
   * outcome ("done" or its error) and the URLs it asked `clients.openWindow` for (recorded on the way
   * through to the real one, which Chromium allows only for a real click).
   */
  async clickNotification(tag: string): Promise<{ outcome: string; openWindow: string[] }> {
    const worker = await this.worker();
    return worker.evaluate(async (wanted) => {
      const scope = globalThis as unknown as {
        registration: ServiceWorkerRegistration;
        clients: { openWindow(url: string): Promise<unknown> };
        dispatchEvent(event: Event): boolean;
        NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
      };
      const [notification] = await scope.registration.getNotifications({ tag: wanted });
      if (!notification) return { outcome: 'no notification', openWindow: [] };
      const openWindow: string[] = [];
      const real = scope.clients.openWindow.bind(scope.clients);
      Object.defineProperty(scope.clients, 'openWindow', {
        configurable: true,
        value: (url: string) => {
          openWindow.push(url);
          return real(url);
        },
      });
      const event = new scope.NotificationEvent('notificationclick', { notification });
      const waiting: Promise<unknown>[] = [];
      Object.defineProperty(event, 'waitUntil', { value: (promise: Promise<unknown>) => waiting.push(promise) });
      scope.dispatchEvent(event);
      try {
        await Promise.all(waiting);
        return { outcome: 'done', openWindow };
      } catch (error) {
        return { outcome: String(error), openWindow };
      } finally {
        delete (scope.clients as { openWindow?: unknown }).openWindow;
      }
    }, tag);
  }

  private async worker() {
    const running = this.context.serviceWorkers().find((worker) => worker.url() === `${this.base}/sw.js`);
    if (running) return running;
    // A stopped worker starts again for an event; wake it with an empty push-free message of our own.
    await this.cdp.send('ServiceWorker.startWorker', { scopeURL: `${this.base}/` });
    return this.context.waitForEvent('serviceworker', (worker) => worker.url() === `${this.base}/sw.js`);
  }
}
