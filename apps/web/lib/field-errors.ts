import { useLocale, useTranslations } from 'next-intl';
import type { z } from 'zod';

/** The first message per field of a zod check, for validation as the user types. */
export function fieldErrors(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * fieldErrors in the reader's language (none while the schema is still loading, see lib/use-lazy.ts): the contract's own (English) rule in English, else the catalogue's rule for
 * the field (errors.json `field.<name>`), or a general one for a field it does not know.
 */
export function useFieldErrors(schema: z.ZodType | null, value: unknown): Record<string, string> {
  const t = useTranslations('errors.field');
  const locale = useLocale();
  const errors = schema ? fieldErrors(schema, value) : {};
  if (locale === 'en') return errors;
  return Object.fromEntries(
    Object.keys(errors).map((field) => [field, t.has(field as 'invalid') ? t(field as 'invalid') : t('invalid')]),
  );
}
