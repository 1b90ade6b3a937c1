import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { LanguagePicker } from '@/components/language-picker';
import { ForgetOfflineData } from '@/components/offline/forget-offline-data';
import { QueryProvider } from '@/lib/query-provider';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <QueryProvider>
      <ForgetOfflineData />
      <main className="flex min-h-dvh items-center justify-center bg-slate-50 px-4 py-10 dark:bg-slate-950">
        <div className="w-full max-w-sm">
          <p className="mb-6 text-center text-lg font-semibold text-brand-600 dark:text-brand-100">{t('appName')}</p>
          <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            {children}
          </div>
          <div className="mt-6">
            <LanguagePicker compact />
          </div>
        </div>
      </main>
    </QueryProvider>
  );
}
