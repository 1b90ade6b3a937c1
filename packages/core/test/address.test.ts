import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAddress,
  isSameDomain,
  isValidAddress,
  isValidDisplayName,
  isValidDomain,
  normalizeAddress,
  normalizeDomain,
  parseAddress,
  sanitizePeerDisplayName,
  withoutBidiControls,
} from '../src';

const labelArb = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,20}[A-Za-z0-9])?$/);
const domainArb = fc
  .tuple(
    fc.array(labelArb, { minLength: 0, maxLength: 3 }),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}[A-Za-z0-9]$/),
  )
  .map(([labels, tld]) => [...labels, tld].join('.'));
const idArb = fc.stringMatching(/^[0-9]{1,20}$/);

describe('addresses', () => {
  it('parse(format(a)) is a with the domain lowercased, and normalizing is idempotent', () => {
    fc.assert(
      fc.property(idArb, domainArb, fc.boolean(), (id, domain, rooted) => {
        const text = formatAddress({ id, domain: rooted ? `${domain}.` : domain });
        expect(parseAddress(text)).toEqual({ id, domain: domain.toLowerCase() });
        const canonical = normalizeAddress(text)!;
        expect(normalizeAddress(canonical)).toBe(canonical);
        expect(canonical).toBe(`${id}*${domain.toLowerCase()}`);
      }),
    );
  });

  it('keeps leading zeros; the domain is case-insensitive and a trailing dot is dropped (RFC 4343)', () => {
    expect(parseAddress('000000*x.io')).toEqual({ id: '000000', domain: 'x.io' });
    expect(parseAddress('7*Example.COM')).toEqual({ id: '7', domain: 'example.com' });
    for (const spelling of ['2000*B.Test', '2000*b.test', '2000*b.test.', '2000*B.TEST.'])
      expect(normalizeAddress(spelling)).toBe('2000*b.test');
    expect(isSameDomain('Example.COM', 'example.com.')).toBe(true);
    expect(isSameDomain('a.test', 'b.test')).toBe(false);
  });

  it('turns a domain typed in Unicode into its punycode form', () => {
    expect(normalizeAddress('5*Bücher.Example')).toBe('5*xn--bcher-kva.example');
    expect(normalizeAddress('5*xn--bcher-kva.example')).toBe('5*xn--bcher-kva.example');
    expect(normalizeDomain('例え.テスト')).toBe('xn--r8jz45g.xn--zckzah');
    expect(isSameDomain('bücher.example', 'XN--BCHER-KVA.example')).toBe(true);
  });

  it.each([
    '5*bü cher.example',
    '5*bü\u0000cher.example',
    '5*bü/cher.example',
    '5*bücher..example',
    '5*ü.123',
    '5*a.b..',
  ])('refuses the Unicode or dotted domain %j', (text) => {
    expect(normalizeAddress(text)).toBeNull();
  });

  it.each([
    'abc*x.io',
    '*x.io',
    '12*',
    '12',
    '12*x.io*y',
    ' 12*x.io',
    '12*x.io ',
    '12*x_y.io',
    '12*-x.io',
    '12*x-.io',
    '12*x..io',
    '12*.x.io',
    '12*127.0.0.1',
    '12*[::1]',
    '12*x.io:443',
    '12*x.io/path',
    '１２*x.io',
    `1*${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`,
  ])('rejects %j', (text) => {
    expect(isValidAddress(text)).toBe(false);
  });

  it('limits the whole address to 255 characters', () => {
    const domain = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.io`;
    const id = '1'.repeat(255 - domain.length - 1);
    expect(isValidAddress(`${id}*${domain}`)).toBe(true);
    expect(isValidAddress(`${id}1*${domain}`)).toBe(false);
  });

  it('accepts host names of letters, digits, dots and hyphens in canonical form', () => {
    for (const domain of ['localhost', 'a.b', 'xn--bcher-kva.example', 'node-1.openmsg.io', '1a.io']) {
      expect(isValidDomain(domain)).toBe(true);
    }
    expect(isValidDomain('Example.com')).toBe(false);
    expect(normalizeDomain('Example.com')).toBe('example.com');
  });
});

describe('display names', () => {
  it.each([
    'Monsters Inc Customer Service',
    'Zoë Ångström',
    'A',
    'x'.repeat(40),
    '李小龙 2',
    "Dan O'Neil",
    'Dan O’Neil',
    'Anne-Marie',
    'Smith & Co.',
    'Doe, Jane (HR)',
  ])('accepts %j', (name) => {
    expect(isValidDisplayName(name)).toBe(true);
  });

  it.each([
    '',
    '   ',
    'x'.repeat(41),
    'semi;colon',
    '<b>bold</b>',
    'tab\tname',
    'new\nline',
    '...',
    "'-'",
    'evil\u202eman',
    'zero\u200bwidth',
    'a\u0007',
  ])('rejects %j', (name) => {
    expect(isValidDisplayName(name)).toBe(false);
  });

  it('cleans names that arrive from peers', () => {
    expect(sanitizePeerDisplayName("  O'Brien\u0000 &\n Co  ")).toBe("O'Brien & Co");
    expect(sanitizePeerDisplayName('y'.repeat(60))).toBe('y'.repeat(40));
    expect(sanitizePeerDisplayName('\u202e\u0007')).toBeNull();
    expect(sanitizePeerDisplayName(null)).toBeNull();
    expect(sanitizePeerDisplayName(42)).toBeNull();
  });

  it('drops direction embeddings, overrides and isolates from text, and keeps everything else', () => {
    expect(withoutBidiControls('invoice\u202Efdp.exe \u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069end')).toBe(
      'invoicefdp.exe end',
    );
    const kept = 'שלום, مرحبا \u200E\u200F 👨\u200D👩\u200D👧 line\nbreak';
    expect(withoutBidiControls(kept)).toBe(kept);
  });
});
