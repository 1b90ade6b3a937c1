/**
 * Opening a conversation from its row (Enter, or a click with a mouse) puts the caret in its composer, as
 * WhatsApp Web does, so one can write at once. The thread (and its composer) mounts after the address
 * changes, so the request waits here until that conversation's composer takes it; a composer already
 * open hears it as an event. On a touch screen a tap does not ask: the keyboard would cover the thread.
 */
const EVENT = 'openmsg:focus-composer';
/** A request older than this is dropped (the thread never came, or another was opened). */
const FRESH_MS = 5000;

let pending: { conversationId: string; at: number } | null = null;

export function focusComposerOf(conversationId: string) {
  pending = { conversationId, at: Date.now() };
  window.dispatchEvent(new CustomEvent(EVENT, { detail: conversationId }));
}

/** True (once) when the composer of this conversation was asked for focus since it was opened. */
export function takeComposerFocus(conversationId: string): boolean {
  const asked = pending?.conversationId === conversationId && Date.now() - pending.at < FRESH_MS;
  if (asked) pending = null;
  return asked;
}

/** Calls `focus` when this conversation's composer is asked for focus now or was just before it mounted. */
export function onComposerFocus(conversationId: string, focus: () => void): () => void {
  if (takeComposerFocus(conversationId)) focus();
  const listener = () => takeComposerFocus(conversationId) && focus();
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
