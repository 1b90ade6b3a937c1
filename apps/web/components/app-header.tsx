'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { MouseEvent } from 'react';
import { useTranslations } from 'next-intl';
import { KeyboardShortcuts } from '@/components/shortcuts-dialog';
import { useInbox, useUnreadTotal } from '@/lib/inbox-context';
import { isOffline } from '@/lib/use-online';

const LINKS = [
  { href: '/', label: 'inbox' },
  { href: '/connect', label: 'connect' },
  { href: '/passcodes', label: 'passCodes' },
  { href: '/contacts', label: 'contacts' },
  { href: '/settings', label: 'settings' },
] as const;
/**
 * Shown only to accounts with the admin role (the node answers 404 to anyone else anyway): in the
 * navigation on wider screens, beside the logo on a phone, where the navigation's row is full.
 */
const ADMIN_LINK = { href: '/admin', label: 'admin' } as const;

/**
 * Offline, a router navigation cannot fetch the next page and falls back to a full page load (the
 * browser's error page). So offline a link only goes back from a thread to the list (in this page,
 * like ConversationLink); the others wait, as the offline banner says.
 */
function stayOffline(event: MouseEvent<HTMLAnchorElement>, href: string, pathname: string) {
  if (!isOffline() || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  if (href === '/' && pathname.startsWith('/c/')) window.history.pushState(null, '', '/');
}

export function AppHeader() {
  const t = useTranslations('nav');
  const pathname = usePathname();
  const { me, stream } = useInbox();
  const unreadTotal = useUnreadTotal();
  const isActive = (href: string) =>
    href === '/' ? pathname === '/' || pathname.startsWith('/c/') : pathname.startsWith(href);
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      {/* Phones: logo and status on one row, the navigation spread over a second; wider: one row. */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 px-3 sm:h-14 sm:flex-nowrap sm:px-4">
        <Link
          href="/"
          onClick={(event) => stayOffline(event, '/', pathname)}
          className="flex h-11 shrink-0 items-center font-semibold text-brand-600 sm:h-auto dark:text-brand-100"
        >
          {t('appName')}
        </Link>
        <nav
          aria-label={t('main')}
          className="order-last -mx-1 flex w-full min-w-0 gap-0.5 overflow-x-auto pb-1.5 sm:order-none sm:w-auto sm:flex-1 sm:gap-1 sm:pb-0"
        >
          {(me.role === 'admin' ? [...LINKS, ADMIN_LINK] : LINKS).map((link) => (
            <Link
              key={link.href}
              href={link.href}
              onClick={(event) => stayOffline(event, link.href, pathname)}
              aria-current={isActive(link.href) ? 'page' : undefined}
              className={`${link === ADMIN_LINK ? 'hidden sm:flex' : 'flex'} shrink-0 grow items-center justify-center rounded-md px-1.5 py-1.5 text-[13px] font-medium whitespace-nowrap sm:grow-0 sm:px-2.5 sm:text-sm ${isActive(link.href) ? 'bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white' : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
            >
              {t(link.label)}
              {link.href === '/' && unreadTotal > 0 ? (
                <span
                  className="ms-1 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs leading-none text-white"
                  aria-label={t('unread', { count: unreadTotal })}
                >
                  {unreadTotal}
                </span>
              ) : null}
            </Link>
          ))}
        </nav>
        <span
          role="status"
          aria-label={t('liveConnection')}
          data-stream={stream}
          className="ms-auto shrink-0 text-xs sm:ms-0"
        >
          {stream === 'reconnecting' ? (
            <span
              className="rounded-full bg-amber-100 px-2 py-1 font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200"
              title={t('reconnectingTitle')}
            >
              {t('reconnecting')}
            </span>
          ) : null}
        </span>
        {me.role === 'admin' ? (
          <Link
            href={ADMIN_LINK.href}
            onClick={(event) => stayOffline(event, ADMIN_LINK.href, pathname)}
            aria-current={isActive(ADMIN_LINK.href) ? 'page' : undefined}
            className="shrink-0 rounded-md px-1.5 py-1 text-[13px] font-medium text-slate-600 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700 sm:hidden dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-white"
          >
            {t(ADMIN_LINK.label)}
          </Link>
        ) : null}
        {/* The user's own address, on a phone too (first row, beside the logo): what they give people. */}
        <span
          className="min-w-0 flex-1 truncate text-end text-xs text-slate-600 sm:flex-none sm:text-start dark:text-slate-400"
          title={t('yourAddress')}
          data-testid="own-address"
        >
          <span className="sr-only">{t('yourAddressLabel')} </span>
          <bdi dir="ltr">{me.address}</bdi>
        </span>
        <KeyboardShortcuts />
      </div>
    </header>
  );
}
