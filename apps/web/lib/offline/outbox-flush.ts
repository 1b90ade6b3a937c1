'use client';

import type { QueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@openmsg/core/api';
import { callApi } from '../api-client';
import { errorLine, type ErrorsText } from '../error-text';
import { applyMessageAnswer } from '../stream-cache';
import { failureKind, sendQueues } from './outbox-order';
import { listOutbox, putOutboxEntry, readOutboxEntry, removeOutboxEntry } from './outbox-store';
import { busy } from './activity';

/** The Web Lock every tab of this origin takes to send the outbox: one tab sends at a time. */
export const OUTBOX_LOCK = 'openmsg-outbox';

let running: Promise<void> | null = null;

/**
 * Sends the account's waiting messages, oldest first in each conversation, under the outbox's Web Lock so only
 * one tab sends at a time (the next tab to get the lock finds them gone). Each goes with its clientId: a send
 * whose answer was lost, or two tabs of a browser without Web Locks, still make one message on the node. A
 * connection failure stops the round (the next one starts when the browser is online again); a refusal keeps the
 * message with the reason and goes on.
 */
/** `text`: the reader's language, for the sentence a refused message keeps. */
export function flushOutbox(client: QueryClient, accountId: string, text: ErrorsText): Promise<void> {
  running ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      if (locks) await locks.request(OUTBOX_LOCK, () => sendWaiting(client, accountId, text));
      else await sendWaiting(client, accountId, text);
    } finally {
      running = null;
    }
  })();
  return running;
}

async function sendWaiting(client: QueryClient, accountId: string, text: ErrorsText): Promise<void> {
  const done = busy();
  try {
    for (const queue of sendQueues(await listOutbox(), accountId)) {
      for (const entry of queue) {
        // Removed meanwhile (from this tab or another): not sent.
        if (!(await readOutboxEntry(entry.clientId))) continue;
        try {
          const message = await callApi(apiRoutes.sendMessage, {
            body: { to: entry.to, text: entry.text, attachments: [], clientId: entry.clientId },
          });
          applyMessageAnswer(client, message);
          await removeOutboxEntry(entry.clientId);
        } catch (error) {
          if (failureKind(error) === 'later') return;
          await putOutboxEntry({ ...entry, refusal: errorLine(error, text.t('outboxRefused'), text) });
        }
      }
    }
  } finally {
    done();
  }
}
