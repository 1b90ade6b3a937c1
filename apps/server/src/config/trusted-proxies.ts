import { isIP } from 'node:net';

/**
 * OPENMSG_TRUSTED_PROXIES: the addresses whose X-Forwarded-For the node believes, as a comma-separated
 * list of IP addresses, CIDR ranges and `loopback` (127.0.0.0/8 and ::1); `none` believes nobody.
 * Everyone else's X-Forwarded-For is ignored: the client address is the connection's.
 */
export function parseTrustedProxies(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 1 && entries[0] === 'none') return [];
  for (const entry of entries) {
    if (entry === 'loopback') continue;
    const [address, bits, extra] = entry.split('/');
    const version = isIP(address ?? '');
    const bitsOk = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32));
    if (!version || !bitsOk || extra !== undefined)
      throw new Error(`"${entry}" is not an IP address, a CIDR range, loopback or none`);
  }
  return entries;
}
