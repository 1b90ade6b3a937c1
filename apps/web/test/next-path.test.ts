import { describe, expect, it } from 'vitest';
import { nextPath, nextQuery } from '../lib/next-path';

describe('where to go after signing in', () => {
  it('follows a path of this inbox, with its query', () => {
    expect(nextPath('?next=%2Fconnect%3Faddress%3D20*b.test%26code%3D123456')).toBe(
      '/connect?address=20*b.test&code=123456',
    );
    expect(nextPath('?next=/settings')).toBe('/settings');
  });

  it('never leaves the inbox, nor loops back to the sign-in and sign-up pages', () => {
    for (const next of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/sign-in',
      '/sign-up?next=/x',
      '',
    ]) {
      expect(nextPath(`?${new URLSearchParams({ next })}`)).toBe('/');
    }
    expect(nextPath('')).toBe('/');
  });

  it('carries it on as a query, or nothing', () => {
    expect(nextQuery('?next=/connect%3Fcode%3D1')).toBe('?next=%2Fconnect%3Fcode%3D1');
    expect(nextQuery('?next=//evil.example')).toBe('');
    expect(nextQuery('')).toBe('');
  });
});
