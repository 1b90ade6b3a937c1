import { describe, expect, it } from 'vitest';
import { copyTextOf } from '../lib/share-or-copy';
import { contactMatches } from '../lib/conversation-filter';

describe('what is copied when there is no share sheet', () => {
  it('is the text, with the url on its own line unless the text holds it', () => {
    expect(copyTextOf({ text: 'My address is 20*b.test.' })).toBe('My address is 20*b.test.');
    expect(copyTextOf({ text: 'Join', url: 'https://x.test' })).toBe('Join\nhttps://x.test');
    expect(copyTextOf({ text: 'Join https://x.test', url: 'https://x.test' })).toBe('Join https://x.test');
  });
});

describe('the conversation search on /share', () => {
  const jose = { name: 'José Ávila', address: '1201*a.test' };
  it('matches name or address, ignoring case and accents', () => {
    expect(contactMatches('jose', jose)).toBe(true);
    expect(contactMatches('AVI', jose)).toBe(true);
    expect(contactMatches('1201*a', jose)).toBe(true);
    expect(contactMatches('  ', jose)).toBe(true);
    expect(contactMatches('kim', jose)).toBe(false);
  });
});
