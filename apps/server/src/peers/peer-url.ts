import { type FederationEndpointName, federationPath, type FederationPathForm } from '@openmsg/core';
import { checkPeerDomain } from './peer-domain';

/** Domain (lowercase) → base URL, compiled from the operator's override map. */
export type PeerOverrideMap = ReadonlyMap<string, URL>;

/**
 * `https://{domain}/openmsg/{endpoint}/` on port 443, with the trailing slash a reference node
 * needs (without it, its web server answers 301). An override replaces `https://{domain}` by its
 * base URL, keeping any path the base has.
 */
export function buildPeerUrl(domain: string, endpoint: FederationEndpointName, overrides: PeerOverrideMap, form: FederationPathForm = 'standard'): URL {
  const base = overrides.get(domain);
  const path = federationPath(endpoint, form).slice(1);
  if (!base) return new URL(`https://${domain}/${path}`);
  return new URL(path, base.href.endsWith('/') ? base : `${base.href}/`);
}

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

/** Validates the override map and compiles it; throws on a bad domain or base URL. */
export function compilePeerOverrides(overrides: Readonly<Record<string, string>>): PeerOverrideMap {
  const compiled = new Map<string, URL>();
  for (const [rawDomain, rawBase] of Object.entries(overrides)) {
    const domain = checkPeerDomain(rawDomain);
    if (!domain.ok) throw new Error(`peer override for "${rawDomain}": ${domain.reason}`);
    let base: URL;
    try {
      base = new URL(rawBase);
    } catch {
      throw new Error(`peer override for "${rawDomain}": "${rawBase}" is not a URL`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`peer override for "${rawDomain}": only http and https are allowed`);
    if (base.username || base.password || base.search || base.hash) {
      throw new Error(`peer override for "${rawDomain}": the base URL must not carry credentials, a query or a fragment`);
    }
    compiled.set(domain.domain, base);
  }
  return compiled;
}
