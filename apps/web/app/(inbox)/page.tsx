import { InboxSplit } from '@/components/inbox/inbox-split';

export default function InboxPage() {
  return <InboxSplit selectedId={null} />;
}
