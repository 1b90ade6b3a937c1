'use client';

import { useEffect, useRef, useSyncExternalStore } from 'react';

/** Typing in these must never trigger a shortcut (Esc aside): `j` is a letter, `/` a character. */
export function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type)
  );
}

/** A key pressed on its own (Shift allowed, as `?` needs it), not with Ctrl, Cmd or Alt. */
export function isPlainKey(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey && !event.isComposing;
}

/** Calls `handler` for every keydown on the page while mounted (always the latest handler, one listener). */
export function useKeydown(handler: (event: KeyboardEvent) => void) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  }, [handler]);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => latest.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

/** The inbox's layout is two columns from Tailwind's `md` (48rem); below it the thread covers the list. */
export function isPhoneLayout(): boolean {
  return window.matchMedia('(max-width: 47.99rem)').matches;
}

// Ctrl/Cmd+Enter to send: a choice kept in this browser. Default: Enter sends, Shift+Enter adds a line.
const SEND_KEY = 'openmsg:send-with-modifier';
const CHANGED = 'openmsg:send-key-changed';

function subscribe(onChange: () => void) {
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

function readSendWithModifier(): boolean {
  try {
    return window.localStorage.getItem(SEND_KEY) === '1';
  } catch {
    return false;
  }
}

/** True when Enter adds a line and Ctrl/Cmd+Enter sends. */
export function useSendWithModifier(): boolean {
  return useSyncExternalStore(subscribe, readSendWithModifier, () => false);
}

export function setSendWithModifier(on: boolean) {
  try {
    if (on) window.localStorage.setItem(SEND_KEY, '1');
    else window.localStorage.removeItem(SEND_KEY);
  } catch {
    // Storage refused (some private modes): the choice cannot be kept, and the default stays.
  }
  window.dispatchEvent(new Event(CHANGED));
}
