import type { ReactNode } from 'react';
import { InboxSplit } from '@/components/inbox/inbox-split';

/** The conversation list stays mounted (search, scroll position) while threads open beside it. */
export default function ConversationsLayout({ children }: { children: ReactNode }) {
  return <InboxSplit>{children}</InboxSplit>;
}
