'use client';

import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { AdminNav } from '@/components/admin/admin-nav';
import { useInbox } from '@/lib/inbox-context';

/** The admin console: only for the admin role (the node answers every admin call with 404 to anyone else). */
export default function AdminLayout({ children }: { children: ReactNode }) {
  const t = useTranslations('admin');
  const { me } = useInbox();
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-4xl px-4 py-6">
        {me.role === 'admin' ? (
          <>
            <AdminNav />
            {children}
          </>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('notFound')}</p>
        )}
      </div>
    </div>
  );
}
