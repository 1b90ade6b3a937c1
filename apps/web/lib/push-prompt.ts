'use client';

/**
 * The inbox asks once whether to switch on push notifications: never on a first visit, only after the
 * person sent a message (the moment notifications start to matter), and never again after either
 * answer. Kept per account in this browser's localStorage: "due" once asked for, "answered" after.
 */
const PREFIX = 'openmsg:push-prompt:';

export type PromptState = 'not-yet' | 'due' | 'answered';

export function promptState(accountId: string): PromptState {
  try {
    const stored = window.localStorage.getItem(PREFIX + accountId);
    return stored === 'due' || stored === 'answered' ? stored : 'not-yet';
  } catch {
    return 'answered'; // storage disabled: asking on every visit would be worse than never asking
  }
}

export function setPromptState(accountId: string, state: Exclude<PromptState, 'not-yet'>): void {
  try {
    window.localStorage.setItem(PREFIX + accountId, state);
  } catch {
    // storage disabled: the answer holds for this page only
  }
}
