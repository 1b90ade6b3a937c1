import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LOCALES } from '../i18n/locales';
import { NAMESPACES } from '../i18n/messages';
import { englishMessages } from '../messages/en';

const MESSAGES = path.resolve(import.meta.dirname, '../messages');

/** Every leaf of a catalogue as "a.b.c" -> message. */
function leaves(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of leaves(value, name)) out.set(k, v);
    else out.set(name, value);
  }
  return out;
}

/** The arguments a message uses ({name}, {count, plural, ...}, <b>...</b>), sorted. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe('the catalogues', () => {
  for (const locale of LOCALES) {
    for (const namespace of NAMESPACES) {
      it(`${locale}/${namespace}.json has every English key, each a message with the same arguments`, () => {
        const file = path.join(MESSAGES, locale, `${namespace}.json`);
        expect(existsSync(file), `${file} is missing`).toBe(true);
        const english = leaves(englishMessages[namespace]);
        const translated = leaves(JSON.parse(readFileSync(file, 'utf8')));
        expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
        for (const [key, message] of translated) {
          expect(
            typeof message === 'string' && message.trim().length > 0,
            `${locale}/${namespace}:${key} is empty`,
          ).toBe(true);
          expect(argumentsOf(message as string), `${locale}/${namespace}:${key}`).toEqual(
            argumentsOf(english.get(key) as string),
          );
        }
      });
    }
  }
});
