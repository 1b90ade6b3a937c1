import { OpenThread } from '@/components/inbox/open-thread';

export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  return <OpenThread conversationId={conversationId} />;
}
