import type { Locale } from './locales';
import type { Messages } from './messages';

// Keys are checked against the English catalogue at compile time (`tsc --noEmit`): a key used in code but
// missing from messages/en fails the typecheck; test/i18n-catalogues.test.ts holds the other languages to it.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
