import { createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import { classifyPeerAddress } from '../peers/ip-policy';

/**
 * Whether a browser's subscription can be used: its endpoint (https, or http where the operator allows loopback
 * stand-ins) and its keys (a P-256 point and a 16-byte secret). A reason when not.
 */
export function checkSubscription(
  endpoint: string,
  keys: { p256dh: string; auth: string },
  options: { allowHttp: boolean; allowPrivate: boolean },
): { field: string; reason: string } | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { field: 'endpoint', reason: 'the endpoint is not a URL' };
  }
  if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:'))
    return { field: 'endpoint', reason: 'the endpoint must be an https:// URL' };
  if (url.username || url.password) return { field: 'endpoint', reason: 'the endpoint must not carry credentials' };
  // A name is vetted when the node connects (the outbound guard); an address written out can be refused now.
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(literal) !== 0 && !classifyPeerAddress(literal).allowed)
    return { field: 'endpoint', reason: 'the endpoint is not a public address' };
  const point = Buffer.from(keys.p256dh, 'base64url');
  if (point.length !== 65 || point[0] !== 4 || !isCurvePoint(point))
    return { field: 'keys.p256dh', reason: 'keys.p256dh is not an uncompressed P-256 public key' };
  if (Buffer.from(keys.auth, 'base64url').length !== 16)
    return { field: 'keys.auth', reason: 'keys.auth is not a 16-byte secret' };
  return null;
}

function isCurvePoint(point: Buffer): boolean {
  try {
    createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
    return true;
  } catch {
    return false;
  }
}

/** What logs and views may show of an endpoint: the push service's host, never the path (it is the capability). */
export function serviceOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return 'unknown';
  }
}
