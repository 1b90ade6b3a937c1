import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAddress, isSameDomain, isValidAddress, isValidDisplayName, isValidDomain, parseAddress, sanitizePeerDisplayName, withoutBidiControls } from '../src';

const labelArb = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,20}[A-Za-z0-9])?$/);
const domainArb = fc
  .tuple(fc.array(labelArb, { minLength: 0, maxLength: 3 }), fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}[A-Za-z0-9]$/))
  .map(([labels, tld]) => [...labels, tld].join('.'));
const idArb = fc.stringMatching(/^[0-9]{1,20}$/);

describe('addresses', () => {
  it('parse(format(a)) === a and format(parse(s)) === s', () => {
    fc.assert(
      fc.property(idArb, domainArb, (id, domain) => {
        const text = formatAddress({ id, domain });
        expect(parseAddress(text)).toEqual({ id, domain });
        expect(formatAddress(parseAddress(text)!)).toBe(text);
      }),
    );
  });

  it('keeps leading zeros and case', () => {
    expect(parseAddress('000000*x.io')).toEqual({ id: '000000', domain: 'x.io' });
    expect(parseAddress('7*Example.COM')).toEqual({ id: '7', domain: 'Example.COM' });
    expect(isSameDomain('Example.COM', 'example.com')).toBe(true);
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

  it('accepts host names of letters, digits, dots and hyphens', () => {
    for (const domain of ['localhost', 'a.b', 'xn--bcher-kva.example', 'node-1.openmsg.io', '1a.io']) {
      expect(isValidDomain(domain)).toBe(true);
    }
  });
});

describe('display names', () => {
  it.each(['Monsters Inc Customer Service', 'Zoë Ångström', 'A', 'x'.repeat(40), '李小龙 2'])('accepts %j', (name) => {
    expect(isValidDisplayName(name)).toBe(true);
  });

  it.each(['', '   ', 'x'.repeat(41), 'semi;colon', '<b>bold</b>', 'tab\tname', 'new\nline'])('rejects %j', (name) => {
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
    expect(withoutBidiControls('invoice\u202Efdp.exe \u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069end')).toBe('invoicefdp.exe end');
    const kept = 'שלום, مرحبا \u200E\u200F 👨\u200D👩\u200D👧 line\nbreak';
    expect(withoutBidiControls(kept)).toBe(kept);
  });
});
