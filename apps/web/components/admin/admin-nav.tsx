'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';

const SECTIONS = [
  { href: '/admin', label: 'overview' },
  { href: '/admin/accounts', label: 'accounts' },
  { href: '/admin/invitations', label: 'invitations' },
  { href: '/admin/delivery', label: 'delivery' },
  { href: '/admin/storage', label: 'storage' },
  { href: '/admin/check', label: 'check' },
  { href: '/admin/audit', label: 'audit' },
] as const;

/** The console's sections: a row that wraps on a phone. */
export function AdminNav() {
  const t = useTranslations('admin.nav');
  const pathname = usePathname();
  return (
    <nav
      aria-label={t('label')}
      className="mb-6 flex flex-wrap gap-1 border-b border-slate-200 pb-2 dark:border-slate-800"
    >
      {SECTIONS.map((section) => {
        const active = section.href === '/admin' ? pathname === '/admin' : pathname.startsWith(section.href);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? 'page' : undefined}
            className={`rounded-md px-2.5 py-1.5 text-sm font-medium ${active ? 'bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white' : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
          >
            {t(section.label)}
          </Link>
        );
      })}
    </nav>
  );
}
