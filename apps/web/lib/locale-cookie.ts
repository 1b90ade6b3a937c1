import { LOCALE_COOKIE, type Locale } from '@/i18n/locales';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Keeps the chosen language for a year (i18n/request.ts reads it on every request), or clears it so the
 * browser's languages decide again. The caller refreshes the page's server parts (router.refresh()).
 */
export function chooseLocale(locale: Locale | null): void {
  document.cookie =
    locale === null
      ? `${LOCALE_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`
      : `${LOCALE_COOKIE}=${locale}; Max-Age=${ONE_YEAR_SECONDS}; Path=/; SameSite=Lax`;
}

/** The language chosen in Settings, or null when the browser's languages decide. */
export function chosenLocale(): string | null {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${LOCALE_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(LOCALE_COOKIE.length + 1)) || null : null;
}
