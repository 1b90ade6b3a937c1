/**
 * Unsent drafts, one per account and conversation, kept in this browser's localStorage so they
 * survive switching conversations and reloading. They never leave the browser.
 */
const PREFIX = 'openmsg:draft:';

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
}
