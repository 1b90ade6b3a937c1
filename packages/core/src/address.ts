/** An Openmsg address `ID*domain`: the ID is digits kept as a string (leading zeros matter). */
export interface OpenmsgAddress {
  readonly id: string;
  /** Always in canonical form: lower case, ASCII (punycode), no trailing dot. */
  readonly domain: string;
}

export const MAX_ADDRESS_LENGTH = 255;
const ID_PATTERN = /^[0-9]+$/;
const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isValidAddressId(id: string): boolean {
  return ID_PATTERN.test(id) && id.length < MAX_ADDRESS_LENGTH;
}

/**
 * The canonical form of a host name, or null when it is not one: host names are case-insensitive
 * (RFC 4343), so the domain is lowercased and a trailing root dot dropped; a name typed in Unicode
 * becomes its ASCII (punycode) form, as DNS and TLS certificates know it. Labels are letters,
 * digits and `-`; an all-digit last label is refused so that an IPv4 literal never passes.
 */
export function normalizeDomain(domain: string): string | null {
  if (typeof domain !== 'string' || domain.length === 0 || domain.length > 254) return null;
  const unrooted = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  const ascii = /^[\x21-\x7e]*$/.test(unrooted) ? unrooted.toLowerCase() : toAsciiDomain(unrooted);
  if (!ascii || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (!labels.every((label) => LABEL_PATTERN.test(label))) return null;
  return /^[0-9]+$/.test(labels[labels.length - 1] as string) ? null : ascii;
}

/** IDNA (UTS #46) through the WHATWG URL parser, which Node and browsers both have. */
function toAsciiDomain(domain: string): string | null {
  if (/[/?#@:%\\\s*[\]]/.test(domain)) return null;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

/** A host name already in canonical form (see {@link normalizeDomain}). */
export function isValidDomain(domain: string): boolean {
  return normalizeDomain(domain) === domain;
}

/**
 * Parses `ID*domain` as people type it; returns null for anything that is not a valid address.
 * The domain comes back canonical (lower case, punycode, no trailing dot); the ID exactly as given.
 */
export function parseAddress(input: string): OpenmsgAddress | null {
  if (typeof input !== 'string' || input.length > MAX_ADDRESS_LENGTH) return null;
  const star = input.indexOf('*');
  if (star < 0 || input.indexOf('*', star + 1) >= 0) return null;
  const id = input.slice(0, star);
  const domain = normalizeDomain(input.slice(star + 1));
  if (!isValidAddressId(id) || !domain) return null;
  if (id.length + 1 + domain.length > MAX_ADDRESS_LENGTH) return null;
  return { id, domain };
}

export function formatAddress(address: OpenmsgAddress): string {
  return `${address.id}*${address.domain}`;
}

/** The one spelling of an address that is hashed, stored, compared and called; null if invalid. */
export function normalizeAddress(input: string): string | null {
  const address = parseAddress(input);
  return address ? formatAddress(address) : null;
}

export function isValidAddress(input: string): boolean {
  return parseAddress(input) !== null;
}

/** Domains compare in canonical form (DNS is case-insensitive); IDs compare exactly. */
export function isSameDomain(a: string, b: string): boolean {
  const left = normalizeDomain(a);
  return left !== null && left === normalizeDomain(b);
}
