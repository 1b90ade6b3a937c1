import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/locales';
import { pluralTemplates } from '../lib/push';
import englishPush from '../messages/en/push.json';

const MESSAGES = path.resolve(import.meta.dirname, '../messages');
const COUNTS = [1, 2, 3, 4, 5, 10, 11, 12, 20, 21, 99, 100, 101, 102, 1000];

/** What public/sw/push.js does with a template: the locale's plural category, the number written in place. */
function asTheWorkerWrites(templates: Record<string, string>, count: number, locale: string): string {
  const template = templates[new Intl.PluralRules(locale).select(count)] ?? templates.other ?? '';
  return template.replace('{count}', new Intl.NumberFormat(locale).format(count));
}

describe('push strings for the service worker', () => {
  for (const locale of LOCALES) {
    it(`${locale}: the templates give what the catalogue says for every count`, () => {
      const messages = JSON.parse(readFileSync(path.join(MESSAGES, locale, 'push.json'), 'utf8')) as typeof englishPush;
      const t = createTranslator({ locale, messages: { push: messages }, namespace: 'push.worker' });
      for (const key of ['files', 'messages'] as const) {
        const templates = pluralTemplates(locale, (count) => t(key, { count }));
        expect(templates.other, `${locale} ${key} other`).toBeTruthy();
        for (const count of COUNTS)
          expect(asTheWorkerWrites(templates, count, locale), `${locale} ${key} ${count}`).toBe(t(key, { count }));
      }
    });
  }

  it('English: "Sent a file", "Sent 3 files", "1,000 new messages"', () => {
    const t = createTranslator({ locale: 'en', messages: { push: englishPush }, namespace: 'push.worker' });
    const files = pluralTemplates('en', (count) => t('files', { count }));
    expect(files).toEqual({ one: 'Sent a file', other: 'Sent {count} files' });
    expect(
      asTheWorkerWrites(
        pluralTemplates('en', (count) => t('messages', { count })),
        1000,
        'en',
      ),
    ).toBe('1,000 new messages');
  });
});
