import { type FederationEndpointName, federationPath, type FederationPathForm } from '@openmsg/core';
import type { PeerOverrideMap } from '../config/peer-overrides';

/**
 * `https://{domain}/openmsg/{endpoint}/` on port 443, with the trailing slash a reference node
 * needs (without it, its web server answers 301). An override replaces `https://{domain}` by its
 * base URL, keeping any path the base has.
 */
export function buildPeerUrl(
  domain: string,
  endpoint: FederationEndpointName,
  overrides: PeerOverrideMap,
  form: FederationPathForm = 'standard',
): URL {
  return buildPeerUrlAt(domain, federationPath(endpoint, form), overrides);
}

/** `https://{domain}{path}` (or the override's base URL and the path): an extension's path, outside the v1.0 table. */
export function buildPeerUrlAt(domain: string, absolutePath: string, overrides: PeerOverrideMap): URL {
  const base = overrides.get(domain);
  const path = absolutePath.replace(/^\/+/, '');
  if (!base) return new URL(`https://${domain}/${path}`);
  return new URL(path, base.href.endsWith('/') ? base : `${base.href}/`);
}
