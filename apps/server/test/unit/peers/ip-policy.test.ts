import { describe, expect, it } from 'vitest';
import { classifyPeerAddress, isPublicPeerAddress } from '../../../src/peers/ip-policy';

const PUBLIC = [
  '8.8.8.8',
  '1.1.1.1',
  '93.184.216.34',
  '100.63.255.255', // just below carrier-grade NAT
  '100.128.0.0', // just above it
  '172.15.255.255',
  '172.32.0.0',
  '192.0.1.1',
  '198.17.255.255',
  '198.20.0.0',
  '223.255.255.255',
  '2606:4700:4700::1111',
  '2001:4860:4860::8888',
  '2a00:1450:4001:80b::200e',
  '2001:200::1', // just past 2001::/23
  '::ffff:8.8.8.8', // IPv4-mapped public
  '64:ff9b::808:808', // NAT64 of 8.8.8.8
  '64:ff9b::1.1.1.1',
  '2002:808:808::1', // 6to4 of 8.8.8.8
];

const NON_PUBLIC: Array<[address: string, reasonFragment: string]> = [
  // IPv4
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.254', 'carrier-grade NAT'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'link-local'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.0.0.8', 'IETF protocol'],
  ['192.0.2.1', 'documentation'],
  ['192.88.99.1', '6to4 relay'],
  ['192.168.1.1', 'private'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.254', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  // IPv6
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::127.0.0.1', 'IPv4-compatible'],
  ['::8.8.8.8', 'IPv4-compatible'],
  ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
  ['::ffff:7f00:1', 'IPv4-mapped loopback'],
  ['::ffff:10.1.2.3', 'IPv4-mapped private'],
  ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
  ['::ffff:0:127.0.0.1', 'IPv4-translated'],
  ['64:ff9b::127.0.0.1', 'NAT64 loopback'],
  ['64:ff9b::a00:1', 'NAT64 private'],
  ['64:ff9b::a9fe:a9fe', 'NAT64 link-local'],
  ['64:ff9b:1::808:808', 'local-use NAT64'],
  ['64:ff9b:1:ffff::1', 'local-use NAT64'],
  ['2002:7f00:1::', '6to4 loopback'],
  ['2002:c0a8:101::1', '6to4 private'],
  ['2002:a9fe:a9fe::1', '6to4 link-local'],
  ['2002:6440:1::', '6to4 carrier-grade NAT'],
  ['100::1', 'discard-only'],
  ['2001::1', 'IETF protocol'], // Teredo
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'IETF protocol'], // Teredo
  ['2001:2::1', 'IETF protocol'], // benchmarking
  ['2001:10::1', 'IETF protocol'], // ORCHID
  ['2001:db8::1', 'documentation'],
  ['2001:db8:ffff::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['5f00::1', 'segment routing'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456:789a::1', 'unique-local'],
  ['fe80::1', 'link-local'],
  ['febf::1', 'link-local'],
  ['fec0::1', 'site-local'],
  ['ff02::1', 'multicast'],
  ['ff0e::1', 'multicast'],
  ['4000::1', 'outside global unicast'],
  ['1000::1', 'outside global unicast'],
  // not canonical addresses at all
  ['fe80::1%eth0', 'zone id'],
  ['2130706433', 'not an IP'],
  ['0x7f.1', 'not an IP'],
  ['127.1', 'not an IP'],
  ['0177.0.0.1', 'not an IP'],
  ['[::1]', 'not an IP'],
  ['localhost', 'not an IP'],
  ['', 'not an IP'],
];

describe('classifyPeerAddress', () => {
  it.each(PUBLIC)('allows public %s', (address) => {
    expect(classifyPeerAddress(address)).toEqual({ allowed: true });
    expect(isPublicPeerAddress(address)).toBe(true);
  });

  it.each(NON_PUBLIC)('refuses %s (%s)', (address, reasonFragment) => {
    const verdict = classifyPeerAddress(address);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.reason).toContain(reasonFragment);
    expect(isPublicPeerAddress(address)).toBe(false);
  });
});

describe('classifyPeerAddress with dotted IPv4 tails', () => {
  it('reads ::a.b.c.d as IPv4-compatible, not as IPv4-mapped', () => {
    expect(classifyPeerAddress('::8.8.8.8')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('IPv4-compatible'),
    });
    expect(classifyPeerAddress('::ffff:8.8.8.8')).toEqual({ allowed: true });
  });

  it.each(['::ffff:1.2.3', '::ffff:1.2.3.4.5', '::ffff:256.1.1.1', '1.2.3.4::'])('refuses malformed %s', (address) => {
    expect(classifyPeerAddress(address).allowed).toBe(false);
  });
});
