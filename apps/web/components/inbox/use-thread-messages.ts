'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiRoutes, type Conversation } from '@openmsg/core/api';
import { callApi } from '@/lib/api-client';
import { useTranslations } from 'next-intl';
import { useErrorText } from '@/lib/use-error-text';
import { useThread } from '@/lib/queries';
import { applyMessageAnswer, applyMessageDeleted, invalidateConversation } from '@/lib/stream-cache';

/** The messages of one conversation, oldest first: the newest page, older pages on demand; the live stream adds the rest. */
export function useThreadMessages(conversationId: string) {
  const t = useTranslations('inbox.thread');
  const { errorLine } = useErrorText();
  const { data, hasNextPage, fetchNextPage, isSuccess, error } = useThread(conversationId);
  const loadOlder = useCallback(async () => {
    await fetchNextPage();
  }, [fetchNextPage]);
  return {
    messages: data ?? [],
    hasOlder: hasNextPage,
    loadOlder,
    loaded: isSuccess,
    error: error ? errorLine(error, t('loadFailed')) : null,
  };
}

/** Sending, retrying, deleting (this user's copy) and marking read in one conversation; answers go into the cache (see applyMessageAnswer). */
export function useThreadActions(conversation: Conversation) {
  const client = useQueryClient();
  const { id: conversationId, contact } = conversation;
  const send = useMutation({
    mutationFn: ({ text, attachmentIds, clientId }: { text: string; attachmentIds: string[]; clientId?: string }) =>
      callApi(apiRoutes.sendMessage, { body: { to: contact.address, text, attachments: attachmentIds, clientId } }),
    onSuccess: (message) => applyMessageAnswer(client, message),
  });
  const retry = useMutation({
    mutationFn: (id: string) => callApi(apiRoutes.retryMessage, { params: { id } }),
    onSuccess: (message) => applyMessageAnswer(client, message, 'failed'),
  });
  const remove = useMutation({
    mutationFn: (id: string) => callApi(apiRoutes.deleteMessage, { params: { id } }),
    onSuccess: (_answer, id) => applyMessageDeleted(client, conversationId, id),
  });
  const markRead = useMutation({
    mutationFn: () => callApi(apiRoutes.markConversationRead, { params: { conversationId } }),
    onSettled: () => invalidateConversation(client, conversationId),
  });
  return { send: send.mutateAsync, retry: retry.mutateAsync, remove: remove.mutateAsync, markRead: markRead.mutate };
}
