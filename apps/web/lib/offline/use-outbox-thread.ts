'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Conversation, MessageView } from '@openmsg/core/api';
import { useErrorText } from '../use-error-text';
import { newClientId } from './client-id';
import { flushOutbox } from './outbox-flush';
import { hasWaiting, waitingIn } from './outbox-order';
import { nextSeq, putOutboxEntry, removeOutboxEntry } from './outbox-store';
import { useOutbox } from './use-outbox';

/** One thread's side of the outbox: what waits in it, putting a text in, taking one out. */
export function useOutboxThread(accountId: string, conversation: Conversation, messages: readonly MessageView[]) {
  const { text: errorsText } = useErrorText();
  const client = useQueryClient();
  const entries = useOutbox();
  const { id: conversationId, contact } = conversation;
  const waiting = useMemo(() => {
    const inThread = new Set(messages.flatMap((message) => (message.clientId ? [message.clientId] : [])));
    return waitingIn(entries, accountId, conversationId, inThread);
  }, [accountId, conversationId, entries, messages]);

  /** The text waits in the outbox (with `clientId` when a send with it may have reached the node) and goes when it can. */
  async function enqueue(text: string, clientId = newClientId()) {
    await putOutboxEntry({
      clientId,
      accountId,
      conversationId,
      to: contact.address,
      text,
      writtenAt: Date.now(),
      seq: nextSeq(),
      refusal: null,
    });
    if (navigator.onLine) void flushOutbox(client, accountId, errorsText);
  }

  return {
    waiting,
    /** Earlier messages of this thread still wait: a new one goes behind them, keeping the order written. */
    mustQueue: hasWaiting(entries, accountId, conversationId),
    enqueue,
    remove: (clientId: string) => removeOutboxEntry(clientId),
  };
}
