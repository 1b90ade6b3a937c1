import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch, searchMatchRanges } from '../src/api/search-text';

const marked = (text: string, query: string) =>
  searchMatchRanges(text, query).map(([start, end]) => text.slice(start, end));

describe('search folding', () => {
  it('ignores case and accents, composed or not', () => {
    expect(foldForSearch('Café ZOË')).toBe('cafe zoe');
    expect(matchesSearch('un café noir', 'CAFE')).toBe(true);
    expect(matchesSearch('Zoë', 'zoe')).toBe(true);
    expect(matchesSearch('cafe\u0301', 'café')).toBe(true);
    expect(matchesSearch('Ångström', 'angstrom')).toBe(true);
    expect(matchesSearch('tea', 'cafe')).toBe(false);
    expect(matchesSearch('anything', '   ')).toBe(false);
  });

  it('maps matches back to the original characters, accents and combining marks included', () => {
    expect(marked('Un Café, deux cafés', 'cafe')).toEqual(['Café', 'café']);
    expect(marked('cafe\u0301 au lait', 'CAFÉ')).toEqual(['cafe\u0301']);
    expect(marked('Zoë and zoe', 'ZOE')).toEqual(['Zoë', 'zoe']);
    expect(marked('🙂 café 🙂', 'é 🙂')).toEqual(['é 🙂']);
    expect(marked('nothing here', 'cafe')).toEqual([]);
  });
});
