import { InboxSplit } from '@/components/inbox/inbox-split';

export default async function ConversationPage({ params }: { params: Promise<{ contactId: string }> }) {
  const { contactId } = await params;
  return <InboxSplit selectedId={contactId} />;
}
