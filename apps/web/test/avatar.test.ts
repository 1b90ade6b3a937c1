import { describe, expect, it } from 'vitest';
import { avatarColourIndex, initials } from '../lib/avatar';

describe('avatars', () => {
  it('the colour depends on the address only (case-insensitive), and spreads over the palette', () => {
    expect(avatarColourIndex('20*b.test')).toBe(avatarColourIndex('20*B.Test'));
    const used = new Set(Array.from({ length: 200 }, (_, index) => avatarColourIndex(`${index}*a.test`)));
    expect(used.size).toBe(8);
  });

  it('initials: first and last word, whole code points', () => {
    expect(initials('Ann Lee')).toBe('AL');
    expect(initials('Bob')).toBe('B');
    expect(initials('Émile de la Croix')).toBe('ÉC');
    expect(initials('😀 party')).toBe('😀P');
    expect(initials('   ')).toBe('?');
  });
});
