'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes } from '@openmsg/core/api';
import { useConversations } from '@/lib/queries';
import { routeQuery } from '@/lib/route-query';
import { ThreadSkeleton } from '@/components/ui/skeleton';
import { Thread } from './thread';

/**
 * The thread of the conversation in the address. One beyond the conversations loaded so far (the
 * list loads 100 at a time) is fetched on its own; one that is gone gets a note.
 */
export function OpenThread({ conversationId }: { conversationId: string }) {
  const t = useTranslations('inbox');
  const conversations = useConversations();
  const listed = conversations.data?.find((conversation) => conversation.id === conversationId);
  const fetched = useQuery({
    ...routeQuery(apiRoutes.getConversation, { params: { conversationId } }),
    enabled: conversations.isSuccess && !listed,
  });
  const conversation = listed ?? fetched.data;
  if (conversation) return <Thread key={conversation.id} conversation={conversation} />;
  if (fetched.isError) return <p className="p-6 text-sm text-ink-muted">{t('gone')}</p>;
  return <ThreadSkeleton label={t('loadingConversation')} />;
}
