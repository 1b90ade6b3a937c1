import type { useTranslations } from 'next-intl';
import type { Namespace } from '../messages/en';

/**
 * A namespace's translate function, as plain functions (lib/*-text.ts) take it: from useTranslations(namespace) in a
 * component, or next-intl's createTranslator in a unit test (test/translators.ts).
 */
export type Translator<N extends Namespace> = ReturnType<typeof useTranslations<N>>;
