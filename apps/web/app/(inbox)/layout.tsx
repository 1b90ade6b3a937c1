import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { OfflineBanner } from '@/components/offline-banner';
import { OfflineSupport } from '@/components/offline/offline-support';
import { PushSetup } from '@/components/push/push-setup';
import { InboxProvider } from '@/lib/inbox-context';
import { QueryProvider } from '@/lib/query-provider';

export default function InboxLayout({ children }: { children: ReactNode }) {
  return (
    <QueryProvider persist>
      <InboxProvider>
        <OfflineSupport />
        <div className="flex h-dvh flex-col">
          <AppHeader />
          <OfflineBanner />
          <PushSetup />
          <main className="min-h-0 flex-1">{children}</main>
        </div>
      </InboxProvider>
    </QueryProvider>
  );
}
