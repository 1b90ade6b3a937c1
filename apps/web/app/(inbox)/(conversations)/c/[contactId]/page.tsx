import { OpenThread } from '@/components/inbox/open-thread';

export default async function ConversationPage({ params }: { params: Promise<{ contactId: string }> }) {
  const { contactId } = await params;
  return <OpenThread contactId={contactId} />;
}
