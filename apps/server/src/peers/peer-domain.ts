import ipaddr from 'ipaddr.js';

export type DomainVerdict = { ok: true; domain: string } | { ok: false; reason: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/**
 * A last label that is a number makes a WHATWG URL parser (and inet_aton) read the whole host as an
 * IPv4 address: `2130706433`, `0x7f.1`, `0177.0.0.1` and `127.1` are all 127.0.0.1. No real TLD
 * is numeric, so such a host is refused as an IP literal.
 */
const NUMERIC_LABEL = /^(?:0x[0-9a-f]*|[0-9]+)$/;

/**
 * Every delivery checks its peer's domain again, and ipaddr.js answers "not an IP" by throwing and
 * catching an error, which costs more than the rest of a delivery's checks. Peers are few.
 */
const REMEMBERED_VERDICTS = 1000;
const verdicts = new Map<string, DomainVerdict>();

/**
 * Checks a domain taken from an Openmsg address before anything is resolved: a host name made of
 * letters, digits, `.` and `-` (no port, no trailing dot), never an IP literal in any spelling.
 * Returns the domain lowercased.
 */
export function checkPeerDomain(input: string): DomainVerdict {
  const remembered = verdicts.get(input);
  if (remembered) return remembered;
  const verdict = judgeDomain(input);
  if (verdicts.size >= REMEMBERED_VERDICTS) verdicts.clear();
  if (input.length <= 253) verdicts.set(input, verdict);
  return verdict;
}

function judgeDomain(input: string): DomainVerdict {
  const domain = input.toLowerCase();
  if (domain.length === 0 || domain.length > 253) return { ok: false, reason: 'invalid host name length' };
  if (domain.includes(':') || domain.includes('[') || ipaddr.isValid(domain))
    return { ok: false, reason: 'IP literal domains are not allowed' };
  const labels = domain.split('.');
  const last = labels[labels.length - 1] ?? '';
  if (NUMERIC_LABEL.test(last)) return { ok: false, reason: 'IP literal domains are not allowed' };
  if (!labels.every((label) => LABEL.test(label))) return { ok: false, reason: 'invalid host name' };
  return { ok: true, domain };
}
