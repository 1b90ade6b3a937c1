/** An Openmsg address `ID*domain`: the ID is digits kept as a string (leading zeros matter). */
export interface OpenmsgAddress {
  readonly id: string;
  readonly domain: string;
}

export const MAX_ADDRESS_LENGTH = 255;
const ID_PATTERN = /^[0-9]+$/;
const LABEL_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isValidAddressId(id: string): boolean {
  return ID_PATTERN.test(id) && id.length < MAX_ADDRESS_LENGTH;
}

/**
 * A host name of letters, digits, `.` and `-` in well-formed labels. An all-digit last label is
 * refused so that an IPv4 literal can never pass as a domain.
 */
export function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (!labels.every((label) => LABEL_PATTERN.test(label))) return false;
  return !/^[0-9]+$/.test(labels[labels.length - 1] as string);
}

/** Parses `ID*domain`; returns null for anything that is not a valid address. Nothing is trimmed or re-cased. */
export function parseAddress(input: string): OpenmsgAddress | null {
  if (typeof input !== 'string' || input.length > MAX_ADDRESS_LENGTH) return null;
  const star = input.indexOf('*');
  if (star < 0 || input.indexOf('*', star + 1) >= 0) return null;
  const id = input.slice(0, star);
  const domain = input.slice(star + 1);
  if (!isValidAddressId(id) || !isValidDomain(domain)) return null;
  return { id, domain };
}

export function formatAddress(address: OpenmsgAddress): string {
  return `${address.id}*${address.domain}`;
}

export function isValidAddress(input: string): boolean {
  return parseAddress(input) !== null;
}

/** Domains compare case-insensitively (DNS does); IDs compare exactly. */
export function isSameDomain(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
