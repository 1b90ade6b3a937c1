import { describe, expect, it } from 'vitest';
import { snippetAround } from '../lib/search-snippet';

describe('a search result shows where the term matched', () => {
  it('keeps a text whose match is near its start', () => {
    expect(snippetAround('Un café noir, s’il te plaît', 'CAFE')).toBe('Un café noir, s’il te plaît');
  });

  it('starts a little before a match deep in a long text', () => {
    const text = `token ${'f'.repeat(64)} and then a café at the end`;
    const snippet = snippetAround(text, 'cafe');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('a café at the end')).toBe(true);
    expect(snippet.indexOf('café')).toBeLessThanOrEqual(46);
  });

  it('starts at a word when one begins shortly before', () => {
    const text = `${'word '.repeat(20)}the needle is here`;
    const snippet = snippetAround(text, 'needle');
    expect(snippet).toMatch(/^…word /);
    expect(snippet.endsWith('the needle is here')).toBe(true);
  });
});
