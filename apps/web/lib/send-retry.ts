import type { Translator } from '@/i18n/translator';
import { isStorageFaultCode } from '@openmsg/core/api';
import { OpenmsgError } from './api-client';

/** What the thread tells the composer about one send. */
export type SendResult = 'sent' | 'give-back' | { retryInMs: number };

/** Said below the composer while messages wait for the node's storage to come back. */
export function waitingSentence(count: number, t: Translator<'composer'>): string {
  return t('waiting', { count });
}

const DEFAULT_WAIT_SECONDS = 5;
const MAX_WAIT_SECONDS = 60;

/**
 * How long to wait before sending again, or null when the failure is not one that passes by itself.
 * A storage fault (database unreachable, disk full, read-only: 503 with Retry-After) saved nothing,
 * so the same text is sent again after the node's Retry-After (within 1-60 s). Anything else gives
 * the text back to the person.
 */
export function retryDelayMs(caught: unknown): number | null {
  if (!(caught instanceof OpenmsgError) || !isStorageFaultCode(caught.code)) return null;
  const seconds = caught.retryAfterSeconds ?? DEFAULT_WAIT_SECONDS;
  return Math.min(MAX_WAIT_SECONDS, Math.max(1, seconds)) * 1000;
}
