import { createTranslator } from 'next-intl';
import { englishMessages, type Namespace } from '../messages/en';
import type { Locale } from '../i18n/locales';
import type { Messages } from '../i18n/messages';
import type { Translator } from '../i18n/translator';

const catalogues: Partial<Record<Locale, Messages>> = { en: englishMessages };

/** The translate function of a namespace, for testing lib/*-text.ts in a language (English unless said). */
export async function translator<N extends Namespace>(namespace: N, locale: Locale = 'en'): Promise<Translator<N>> {
  if (!catalogues[locale]) {
    const { loadMessages } = await import('../i18n/messages');
    catalogues[locale] = await loadMessages(locale);
  }
  return createTranslator({ locale, messages: catalogues[locale]!, namespace }) as unknown as Translator<N>;
}
