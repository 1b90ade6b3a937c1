import { englishMessages, type Namespace } from '../messages/en';
import type { Locale } from './locales';

export type Messages = typeof englishMessages;
export const NAMESPACES = Object.keys(englishMessages) as Namespace[];

/** A language's catalogue: messages/<locale>/<namespace>.json for every namespace of the English one. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === 'en') return englishMessages;
  const entries = await Promise.all(
    NAMESPACES.map(async (namespace) => [namespace, (await import(`../messages/${locale}/${namespace}.json`)).default]),
  );
  return Object.fromEntries(entries) as Messages;
}
