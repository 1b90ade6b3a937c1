import { normalizeDomain } from '@openmsg/core';

/** Domain (canonical) → base URL, compiled from the operator's override map. */
export type PeerOverrideMap = ReadonlyMap<string, URL>;

/**
 * Parses `OPENMSG_PEER_OVERRIDES`: `domain=baseUrl` pairs separated by commas or whitespace, e.g.
 * `a.test=http://127.0.0.1:4101,b.test=http://127.0.0.1:4102`. Throws on a malformed entry, so a
 * typo fails at start-up instead of silently sending to production.
 */
export function parsePeerOverrides(text: string | undefined): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const entry of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const separator = entry.indexOf('=');
    if (separator <= 0) throw new Error(`peer override "${entry}" is not of the form domain=baseUrl`);
    overrides[entry.slice(0, separator)] = entry.slice(separator + 1);
  }
  compilePeerOverrides(overrides);
  return overrides;
}

/** Validates the override map and compiles it; throws on a bad domain (a host name, never an IP literal) or base URL. */
export function compilePeerOverrides(overrides: Readonly<Record<string, string>>): PeerOverrideMap {
  const compiled = new Map<string, URL>();
  for (const [rawDomain, rawBase] of Object.entries(overrides)) {
    const domain = normalizeDomain(rawDomain);
    if (!domain) throw new Error(`peer override for "${rawDomain}": not a host name (IP literals are not allowed)`);
    let base: URL;
    try {
      base = new URL(rawBase);
    } catch {
      throw new Error(`peer override for "${rawDomain}": "${rawBase}" is not a URL`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:')
      throw new Error(`peer override for "${rawDomain}": only http and https are allowed`);
    if (base.username || base.password || base.search || base.hash) {
      throw new Error(
        `peer override for "${rawDomain}": the base URL must not carry credentials, a query or a fragment`,
      );
    }
    compiled.set(domain, base);
  }
  return compiled;
}
