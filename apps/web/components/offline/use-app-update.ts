'use client';

import { useEffect } from 'react';
import { isBusy } from '@/lib/offline/activity';

/** No key, click or touch for this long, and nothing on its way: a reload interrupts nobody. */
export const IDLE_MS = 8_000;
const CHECK_EVERY_MS = 2_000;
/** A tab left open for days still learns of a deploy (the browser checks by itself only on navigations). */
const LOOK_FOR_UPDATE_EVERY_MS = 30 * 60_000;

/**
 * A new version of the app (a new service worker, installed after a deploy) takes over at a safe moment: when the
 * tab is hidden, or after IDLE_MS without input while no send, outbox flush or upload is under way. Until then
 * nothing is shown and the page keeps running on its own version (its chunks stay in the worker's cache). Then the
 * waiting worker is told to activate and the page reloads once it controls it; drafts are in localStorage
 * (lib/drafts.ts, saved on every keystroke) and come back, waiting messages are in the outbox.
 * A takeover started by another tab reloads this one at its own safe moment too.
 */
export function useAppUpdate() {
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    let lastInput = Date.now();
    const onInput = () => {
      lastInput = Date.now();
    };
    const inputs = ['keydown', 'pointerdown', 'input', 'wheel', 'touchstart'] as const;
    for (const name of inputs) window.addEventListener(name, onInput, { passive: true, capture: true });

    const safe = () => document.visibilityState === 'hidden' || (Date.now() - lastInput >= IDLE_MS && !isBusy());
    // A page that was not controlled yet (the first visit) is only claimed by the worker: nothing to reload for.
    let reloadDue = false;
    let hadController = Boolean(container.controller);
    const onControllerChange = () => {
      if (hadController) reloadDue = true;
      hadController = true;
      check();
    };
    let reloading = false;
    const check = async () => {
      if (reloading || !safe()) return;
      if (reloadDue) {
        reloading = true;
        window.location.reload();
        return;
      }
      const registration = await container.getRegistration().catch(() => undefined);
      if (registration?.waiting && registration.active)
        registration.waiting.postMessage({ type: 'openmsg-offline:activate' });
    };
    container.addEventListener('controllerchange', onControllerChange);
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    const lookForUpdate = window.setInterval(
      () => void container.getRegistration().then((registration) => registration?.update().catch(() => undefined)),
      LOOK_FOR_UPDATE_EVERY_MS,
    );
    return () => {
      for (const name of inputs) window.removeEventListener(name, onInput, { capture: true });
      container.removeEventListener('controllerchange', onControllerChange);
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
      window.clearInterval(lookForUpdate);
    };
  }, []);
}
