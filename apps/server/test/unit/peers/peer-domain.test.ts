import { describe, expect, it } from 'vitest';
import { checkPeerDomain } from '../../../src/peers/peer-domain';
import { compilePeerOverrides, parsePeerOverrides } from '../../../src/config/peer-overrides';
import { buildPeerUrl } from '../../../src/peers/peer-url';

describe('checkPeerDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Sub.Example.COM', 'sub.example.com'],
    ['a.test', 'a.test'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['my-node.example.io', 'my-node.example.io'],
    ['123.example.com', '123.example.com'],
    ['localhost', 'localhost'], // a name: refused later by what it resolves to
  ])('accepts %s', (input, domain) => {
    expect(checkPeerDomain(input)).toEqual({ ok: true, domain });
  });

  it.each([
    '127.0.0.1',
    '8.8.8.8',
    '2130706433',
    '0x7f000001',
    '0x7f.1',
    '127.1',
    '0177.0.0.1',
    '1.2.3.0x4',
    'example.0x',
    '::1',
    '[::1]',
    '[2001:db8::1]',
    '::ffff:127.0.0.1',
  ])('refuses the IP literal %s', (input) => {
    expect(checkPeerDomain(input)).toEqual({ ok: false, reason: 'IP literal domains are not allowed' });
  });

  it.each([
    '',
    'a..test',
    '.a.test',
    'a.test.',
    '-a.test',
    'a-.test',
    'a_b.test',
    'a.test:443',
    'a test',
    'a/b.test',
    'é.test',
    `${'a'.repeat(64)}.test`,
    `${'a.'.repeat(127)}test`,
  ])('refuses the invalid host name %j', (input) => {
    expect(checkPeerDomain(input).ok).toBe(false);
  });
});

describe('buildPeerUrl', () => {
  it('calls https on port 443 with the trailing slash', () => {
    expect(buildPeerUrl('example.com', 'message-receive', new Map()).href).toBe(
      'https://example.com/openmsg/message-receive/',
    );
  });

  it('uses an override base URL, keeping its path', () => {
    const overrides = compilePeerOverrides({
      'a.test': 'http://127.0.0.1:4101',
      'b.test': 'http://127.0.0.1:4102/node-b/',
    });
    expect(buildPeerUrl('a.test', 'auth', overrides).href).toBe('http://127.0.0.1:4101/openmsg/auth/');
    expect(buildPeerUrl('b.test', 'auth-confirm', overrides).href).toBe(
      'http://127.0.0.1:4102/node-b/openmsg/auth-confirm/',
    );
    expect(buildPeerUrl('c.test', 'auth', overrides).href).toBe('https://c.test/openmsg/auth/');
  });
});

describe('parsePeerOverrides', () => {
  it('parses comma or whitespace separated pairs', () => {
    expect(
      parsePeerOverrides('a.test=http://127.0.0.1:4101, b.test=http://localhost:4102\nc.test=https://c.example'),
    ).toEqual({
      'a.test': 'http://127.0.0.1:4101',
      'b.test': 'http://localhost:4102',
      'c.test': 'https://c.example',
    });
    expect(parsePeerOverrides(undefined)).toEqual({});
    expect(parsePeerOverrides('  ')).toEqual({});
  });

  it.each([
    'a.test',
    '=http://x',
    'a.test=notaurl',
    'a.test=ftp://x',
    'a.test=http://u:p@x',
    'a.test=http://x/?q=1',
    '127.0.0.1=http://x',
  ])('refuses %j', (text) => {
    expect(() => parsePeerOverrides(text)).toThrow();
  });
});
