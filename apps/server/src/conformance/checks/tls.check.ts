import { isIP } from 'node:net';
import { checkServerIdentity, connect, type PeerCertificate } from 'node:tls';
import { createVettedLookup } from '../../peers/guarded-connect';
import type { PeerClient } from '../../peers/peer-client';
import { resolveWithSystemDns } from '../../peers/resolve-host';
import type { CheckOutcome } from '../check-result';
import type { Check, PeerRun } from '../peer-run';

const EXPECTED =
  'HTTPS on port 443 with a certificate that chains to a trusted root, names the domain and is not about to expire';
const RENEW_WARNING_DAYS = 14;

export const tlsCheck: Check<PeerRun> = {
  id: 'tls.certificate',
  title: "HTTPS with a certificate valid for the peer's domain",
  section: 'docs/PROTOCOL.md "Transport"',
  run: (run) => checkTls(run.probe.client, run.peer.domain, 10_000),
};

/**
 * Opens a TLS connection where the node's peer client would connect for `domain` (through the same
 * vetted DNS lookup), asks for the domain by SNI, and checks the certificate against the domain itself
 * (not against an override's host), the chain against the trusted roots, and its dates.
 */
export async function checkTls(client: PeerClient, domain: string, timeoutMs: number): Promise<CheckOutcome> {
  const url = client.urlOf(domain, 'auth');
  const sent = `TLS handshake with ${url.host} for ${domain}`;
  if (url.protocol !== 'https:') {
    return {
      status: 'WARN',
      sent,
      received: `OPENMSG_PEER_OVERRIDES sends ${domain} to ${url.origin}: plain HTTP, no certificate to check`,
      expected: EXPECTED,
    };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && !client.addressCheck(host).allowed) {
    return {
      status: 'FAIL',
      sent,
      received: `${host} is not a public address; the node would not call it`,
      expected: EXPECTED,
    };
  }
  let seen: {
    authorized: boolean;
    authorizationError: string | null;
    certificate: PeerCertificate;
    protocol: string | null;
  };
  try {
    seen = await handshake(host, Number(url.port || 443), domain, client, timeoutMs);
  } catch (error) {
    return { status: 'FAIL', sent, received: `no TLS connection: ${(error as Error).message}`, expected: EXPECTED };
  }
  const { certificate } = seen;
  const identity = checkServerIdentity(domain, certificate);
  const validTo = new Date(certificate.valid_to);
  const daysLeft = Math.floor((validTo.getTime() - Date.now()) / 86_400_000);
  const issuer = certificate.issuer?.O ?? certificate.issuer?.CN ?? 'unknown issuer';
  const received = `${seen.protocol ?? 'TLS'}, certificate for ${certificate.subjectaltname ?? certificate.subject?.CN ?? '?'} by ${issuer}, valid until ${validTo.toISOString()}`;
  if (!seen.authorized)
    return {
      status: 'FAIL',
      sent,
      received: `${received}; not trusted: ${seen.authorizationError ?? 'unknown reason'}`,
      expected: EXPECTED,
    };
  if (identity) return { status: 'FAIL', sent, received: `${received}; ${identity.message}`, expected: EXPECTED };
  if (daysLeft < RENEW_WARNING_DAYS)
    return { status: 'WARN', sent, received: `${received}; expires in ${daysLeft} days`, expected: EXPECTED };
  return { status: 'PASS', sent, received, expected: EXPECTED };
}

function handshake(host: string, port: number, domain: string, client: PeerClient, timeoutMs: number) {
  return new Promise<{
    authorized: boolean;
    authorizationError: string | null;
    certificate: PeerCertificate;
    protocol: string | null;
  }>((resolve, reject) => {
    const socket = connect({
      host,
      port,
      servername: domain,
      rejectUnauthorized: false,
      lookup: createVettedLookup(resolveWithSystemDns, client.addressCheck),
    });
    const timer = setTimeout(() => socket.destroy(new Error(`no TLS handshake within ${timeoutMs} ms`)), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const remote = socket.remoteAddress;
      if (remote && !client.addressCheck(remote).allowed) {
        socket.destroy();
        reject(new Error(`connected to ${remote}, which is not a public address`));
        return;
      }
      const authorizationError = socket.authorizationError ? String(socket.authorizationError) : null;
      resolve({
        authorized: socket.authorized,
        authorizationError,
        certificate: socket.getPeerCertificate(),
        protocol: socket.getProtocol(),
      });
      socket.end();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
