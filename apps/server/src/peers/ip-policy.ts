import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses a node may call. An address is allowed only when it is public unicast:
 * everything loopback, private, link-local, reserved, documentation, translation or otherwise
 * special is refused, including IPv6 forms that embed a non-public IPv4 address.
 */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

type Cidr = readonly [network: string, prefixLength: number, reason: string];

/** Listed explicitly (not only via ipaddr's range names) so the policy does not drift with library versions. */
const NON_PUBLIC_V4: readonly Cidr[] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.31.196.0', 24, 'AS112'],
  ['192.52.193.0', 24, 'AMT'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['192.175.48.0', 24, 'AS112'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

const NON_PUBLIC_V6: readonly Cidr[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'IPv4-compatible (deprecated)'],
  ['::ffff:0:0:0', 96, 'IPv4-translated (RFC 6145)'],
  // Local-use NAT64 (RFC 8215): not globally reachable, and where the IPv4 part sits depends on
  // the site's prefix length, so it cannot be checked reliably. Refused whole.
  ['64:ff9b:1::', 48, 'local-use NAT64'],
  ['100::', 64, 'discard-only'],
  // Covers Teredo (2001::/32, whose embedded addresses are obfuscated), benchmarking, AMT, AS112,
  // ORCHID and other protocol assignments: none is a place a peer node lives.
  ['2001::', 23, 'IETF protocol assignments (Teredo, benchmarking, ORCHID, ...)'],
  ['2001:db8::', 32, 'documentation'],
  ['2620:4f:8000::', 48, 'AS112'],
  ['3fff::', 20, 'documentation'],
  ['5f00::', 16, 'segment routing'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local (deprecated)'],
  ['ff00::', 8, 'multicast'],
];

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
const MAPPED_V4 = ipaddr.IPv6.parseCIDR('::ffff:0:0/96');
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
const SIX_TO_FOUR = ipaddr.IPv6.parseCIDR('2002::/16');

const parsedV4 = NON_PUBLIC_V4.map(([net, bits, reason]) => ({
  range: [ipaddr.IPv4.parse(net), bits] as const,
  reason,
}));
const parsedV6 = NON_PUBLIC_V6.map(([net, bits, reason]) => ({
  range: [ipaddr.IPv6.parse(net), bits] as const,
  reason,
}));

const ALLOWED: AddressVerdict = { allowed: true };

/** Classifies one IP address in canonical text form (as DNS or a socket reports it). Anything else is refused. */
export function classifyPeerAddress(ip: string): AddressVerdict {
  if (ipaddr.IPv4.isValidFourPartDecimal(ip)) return classifyV4(ipaddr.IPv4.parse(ip));
  if (!ip.includes(':')) return refused('not an IP address');
  // A zone id only makes sense for scoped (link-local) addresses.
  if (ip.includes('%')) return refused('scoped (has a zone id)');
  const hex = withHexTail(ip);
  return hex !== null && ipaddr.IPv6.isValid(hex) ? classifyV6(ipaddr.IPv6.parse(hex)) : refused('not an IP address');
}

/**
 * Rewrites a dotted IPv4 tail (`::1.2.3.4`) as two hex groups before ipaddr.js sees it: ipaddr.js
 * reads `::a.b.c.d` (IPv4-compatible) as `::ffff:a.b.c.d` (IPv4-mapped), which would let the
 * IPv4-compatible form of a public address through as if it were that IPv4 address.
 */
function withHexTail(ip: string): string | null {
  if (!ip.includes('.')) return ip;
  const split = ip.lastIndexOf(':');
  const tail = ip.slice(split + 1);
  if (!ipaddr.IPv4.isValidFourPartDecimal(tail)) return null;
  const [a, b, c, d] = ipaddr.IPv4.parse(tail).octets as [number, number, number, number];
  return `${ip.slice(0, split + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

export function isPublicPeerAddress(ip: string): boolean {
  return classifyPeerAddress(ip).allowed;
}

function classifyV4(address: ipaddr.IPv4): AddressVerdict {
  for (const { range, reason } of parsedV4) {
    if (address.match(range[0], range[1])) return refused(reason);
  }
  const range = address.range();
  return range === 'unicast' ? ALLOWED : refused(range);
}

function classifyV6(address: ipaddr.IPv6): AddressVerdict {
  if (address.match(MAPPED_V4)) return embedded('IPv4-mapped', address.toIPv4Address());
  if (address.match(NAT64_WELL_KNOWN)) return embedded('NAT64', v4FromParts(address.parts[6], address.parts[7]));
  if (address.match(SIX_TO_FOUR)) return embedded('6to4', v4FromParts(address.parts[1], address.parts[2]));
  for (const { range, reason } of parsedV6) {
    if (address.match(range[0], range[1])) return refused(reason);
  }
  // Only 2000::/3 is allocated for global unicast; everything outside it is reserved or special.
  if (!address.match(GLOBAL_UNICAST_V6)) return refused('outside global unicast 2000::/3');
  const range = address.range();
  return range === 'unicast' ? ALLOWED : refused(range);
}

function embedded(form: string, v4: ipaddr.IPv4): AddressVerdict {
  const verdict = classifyV4(v4);
  return verdict.allowed ? verdict : refused(`${form} ${verdict.reason} (${v4.toString()})`);
}

function v4FromParts(high: number | undefined, low: number | undefined): ipaddr.IPv4 {
  const h = high ?? 0;
  const l = low ?? 0;
  return new ipaddr.IPv4([h >> 8, h & 0xff, l >> 8, l & 0xff]);
}

function refused(reason: string): AddressVerdict {
  return { allowed: false, reason };
}
