import { useSyncExternalStore } from 'react';

/**
 * Unsent drafts, one per account and conversation, kept in this browser's localStorage so they
 * survive switching conversations and reloading. They never leave the browser.
 */
const PREFIX = 'openmsg:draft:';
/** Fired on this window when a draft is saved here; other tabs hear localStorage's own `storage` event. */
const CHANGED = 'openmsg:draft-changed';

export const draftKey = (accountId: string, conversationId: string) => `${PREFIX}${accountId}:${conversationId}`;

export function readDraft(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? '';
  } catch {
    return ''; // storage disabled (private mode, a policy): drafts then last as long as the page
  }
}

export function saveDraft(key: string, text: string) {
  try {
    if (text) window.localStorage.setItem(key, text);
    else window.localStorage.removeItem(key);
  } catch {
    // storage full or disabled: the draft stays in the composer only
  }
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void) {
  const onStorage = (event: StorageEvent) => (event.key === null || event.key.startsWith(PREFIX)) && onChange();
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/** A conversation's draft as it changes (typed here, or in another tab): what the conversation list shows as "Draft: …". */
export function useDraft(key: string): string {
  return useSyncExternalStore(
    subscribe,
    () => readDraft(key),
    () => '',
  );
}

/** A draft as the list's one-line preview: blank lines and runs of spaces folded, null when only whitespace. */
export function draftPreview(text: string): string | null {
  const line = text.replace(/\s+/g, ' ').trim();
  return line ? line : null;
}
