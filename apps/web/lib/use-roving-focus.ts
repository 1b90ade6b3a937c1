import { type RefObject, useEffect } from 'react';

/** What Tab would stop at inside an item; a menu that is open keeps its own keys and tab order. */
const CONTROLS = 'a[href], button, input, select, textarea, audio[controls], video[controls], [tabindex]';
/** Controls whose arrow keys are their own (a media player's seek bar, a field). */
const OWN_ARROWS = 'input, select, textarea, audio, video, [role=menu]';

/**
 * Roving focus over the items of a list (a thread's messages): the whole list is one Tab stop, the item
 * last focused (the newest at first). ↑/↓ move between items, Home/End go to the first and last,
 * ←/→ move between an item and its controls (a link, the "⋯" actions button, Retry), Enter or Space on an
 * item opens its actions menu (`[aria-haspopup=menu]`). Done on the DOM, since the controls are deep in
 * each item (links in the text, files), and kept up as items come and go.
 */
export function useRovingFocus(root: RefObject<HTMLElement | null>, itemSelector: string) {
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    let active: HTMLElement | null = null;
    const items = () => Array.from(element.querySelectorAll<HTMLElement>(itemSelector));
    const itemOf = (target: EventTarget | null) =>
      target instanceof Element ? target.closest<HTMLElement>(itemSelector) : null;
    const controlsOf = (item: HTMLElement) =>
      Array.from(item.querySelectorAll<HTMLElement>(CONTROLS)).filter(
        (control) => !control.closest('[role=menu]') && control.getClientRects().length > 0,
      );

    function sync() {
      const all = items();
      if (!active || !element?.contains(active)) active = all.at(-1) ?? null;
      for (const item of all) {
        const tabIndex = item === active ? 0 : -1;
        if (item.tabIndex !== tabIndex) item.tabIndex = tabIndex;
        for (const control of item.querySelectorAll<HTMLElement>(CONTROLS))
          if (control !== item && control.tabIndex !== -1 && !control.closest('[role=menu]')) control.tabIndex = -1;
      }
    }

    function focusItem(item: HTMLElement | undefined) {
      if (!item) return;
      active = item;
      sync();
      item.focus();
    }

    function onFocusIn(event: FocusEvent) {
      const item = itemOf(event.target);
      if (item && item !== active) {
        active = item;
        sync();
      }
    }

    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target as HTMLElement;
      const item = itemOf(target);
      if (!item || target.closest(OWN_ARROWS)) return;
      const all = items();
      const at = all.indexOf(item);
      const rtl = getComputedStyle(element as HTMLElement).direction === 'rtl';
      const key = rtl ? ({ ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' }[event.key] ?? event.key) : event.key;
      if (key === 'ArrowDown' || key === 'ArrowUp') {
        focusItem(all[Math.min(Math.max(at + (key === 'ArrowDown' ? 1 : -1), 0), all.length - 1)]);
      } else if (key === 'Home' || key === 'End') {
        focusItem(key === 'Home' ? all[0] : all.at(-1));
      } else if (key === 'ArrowRight' || key === 'ArrowLeft') {
        const stops = [item, ...controlsOf(item)];
        const from = stops.indexOf(target);
        stops[(from + (key === 'ArrowRight' ? 1 : -1) + stops.length) % stops.length]?.focus();
      } else if ((key === 'Enter' || key === ' ') && target === item) {
        item.querySelector<HTMLElement>('[aria-haspopup=menu]')?.click();
      } else {
        return;
      }
      event.preventDefault();
    }

    sync();
    const observer = new MutationObserver(sync);
    observer.observe(element, { childList: true, subtree: true });
    element.addEventListener('focusin', onFocusIn);
    element.addEventListener('keydown', onKeyDown);
    return () => {
      observer.disconnect();
      element.removeEventListener('focusin', onFocusIn);
      element.removeEventListener('keydown', onKeyDown);
    };
  }, [root, itemSelector]);
}
