import type { PeerOverrideMap } from '../config/peer-overrides';

export const PEER_ENDPOINTS = ['auth', 'auth-confirm', 'message-receive', 'message-confirm'] as const;
export type PeerEndpoint = (typeof PEER_ENDPOINTS)[number];

/** Which spelling of the endpoint path: the standard one, or the variants the conformance checker also probes. */
export type PeerPathForm = 'standard' | 'no-slash' | 'sandbox';

/**
 * `https://{domain}/openmsg/{endpoint}/` on port 443, with the trailing slash a reference node
 * needs (without it, its web server answers 301). An override replaces `https://{domain}` by its
 * base URL, keeping any path the base has.
 */
export function buildPeerUrl(domain: string, endpoint: PeerEndpoint, overrides: PeerOverrideMap, form: PeerPathForm = 'standard'): URL {
  const base = overrides.get(domain);
  const path = form === 'sandbox' ? `openmsg/sandbox/${endpoint}/` : form === 'no-slash' ? `openmsg/${endpoint}` : `openmsg/${endpoint}/`;
  if (!base) return new URL(`https://${domain}/${path}`);
  return new URL(path, base.href.endsWith('/') ? base : `${base.href}/`);
}
