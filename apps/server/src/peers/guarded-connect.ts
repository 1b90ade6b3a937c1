import type { LookupFunction } from 'node:net';
import type { buildConnector } from 'undici';
import type { AddressVerdict } from './ip-policy';
import { PeerDnsError, PeerTargetRefusedError } from './peer-errors';
import type { ResolvedAddress, ResolveHost } from './resolve-host';

export type AddressCheck = (ip: string) => AddressVerdict;

/**
 * A `lookup` for net/tls connect that resolves the host, refuses it if ANY answer fails the check
 * (a mixed answer is treated as hostile), and hands the socket only addresses that passed. The
 * socket therefore connects to a vetted address, never to a second, independent DNS answer.
 */
export function createVettedLookup(resolve: ResolveHost, check: AddressCheck): LookupFunction {
  return (hostname, options, callback) => {
    vetHost(resolve, check, hostname, options.family).then(
      (answers) => {
        const first = answers[0] as ResolvedAddress;
        if (options.all) callback(null, answers);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

async function vetHost(
  resolve: ResolveHost,
  check: AddressCheck,
  hostname: string,
  family: unknown,
): Promise<ResolvedAddress[]> {
  let answers: ResolvedAddress[];
  try {
    answers = await resolve(hostname);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new PeerDnsError(`${hostname} did not resolve${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  for (const { address } of answers) {
    const verdict = check(address);
    if (!verdict.allowed)
      throw new PeerTargetRefusedError(`${hostname} resolves to ${address}, which is not public (${verdict.reason})`);
  }
  const wanted = family === 4 || family === 6 ? answers.filter((answer) => answer.family === family) : answers;
  if (wanted.length === 0) throw new PeerDnsError(`${hostname} has no usable address`);
  return wanted;
}

/**
 * Wraps a connector so that a socket is handed to the HTTP client only if the address it actually
 * connected to passes the check: nothing of the request is written before that. (For https the TLS
 * handshake has happened by then; the vetted lookup is the first line, this is the second.)
 */
export function guardConnector(connect: buildConnector.connector, check: AddressCheck): buildConnector.connector {
  return (options, callback) => {
    connect(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('connect failed'), null);
        return;
      }
      const remote = socket.remoteAddress;
      const verdict: AddressVerdict = remote ? check(remote) : { allowed: false, reason: 'no remote address' };
      if (verdict.allowed) {
        callback(null, socket);
        return;
      }
      socket.destroy();
      callback(
        new PeerTargetRefusedError(
          `${options.hostname} connected to ${remote ?? 'an unknown address'}, which is not public (${verdict.reason})`,
        ),
        null,
      );
    });
  };
}
