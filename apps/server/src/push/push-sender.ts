import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import type WebPush from 'web-push';
import { webPush } from './web-push-library';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { type AddressCheck, createVettedLookup, guardConnector } from '../peers/guarded-connect';
import { classifyPeerAddress } from '../peers/ip-policy';
import { PeerDnsError, PeerTargetRefusedError } from '../peers/peer-errors';
import { resolveWithSystemDns } from '../peers/resolve-host';
import type { VapidKeys } from './vapid-keys.service';

/**
 * What came of one send. `gone`: the push service no longer knows the subscription (404/410);
 * `retry`: worth another try (429, 5xx, the network); `rejected`: the push service refused this
 * notification for good (another 4xx) or the endpoint may not be reached (the outbound guard).
 */
export type PushOutcome =
  | { kind: 'sent' }
  | { kind: 'gone'; status: number }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  | { kind: 'rejected'; reason: string };

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

const ANY_ADDRESS: AddressCheck = () => ({ allowed: true });

/**
 * Encrypts a notification for one subscription (RFC 8291, aes128gcm) and signs the request (RFC 8292, VAPID) with
 * the web-push library, then posts it through the node's outbound guard: endpoints are URLs users give, so the
 * same vetted lookup and connect check as the calls to peers refuse loopback, private and special addresses
 * (allowed only with OPENMSG_ALLOW_PRIVATE_PEERS, for tests' stand-ins). No redirects are followed.
 */
@Injectable()
export class PushSender implements OnModuleDestroy {
  private readonly agent: Agent;
  private readonly check: AddressCheck;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.check = config.allowPrivatePeers ? ANY_ADDRESS : classifyPeerAddress;
    const connector = buildConnector({
      timeout: config.push.timeoutMs,
      lookup: createVettedLookup(resolveWithSystemDns, this.check),
    });
    this.agent = new Agent({
      connect: guardConnector(connector, this.check),
      connections: 8,
      headersTimeout: config.push.timeoutMs,
      bodyTimeout: config.push.timeoutMs,
    });
  }

  async send(target: PushTarget, payload: string, keys: VapidKeys): Promise<PushOutcome> {
    let url: URL;
    let request: ReturnType<typeof WebPush.generateRequestDetails>;
    try {
      url = new URL(target.endpoint);
      request = webPush().generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        payload,
        {
          vapidDetails: { subject: this.config.push.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: this.config.push.ttlSeconds,
          contentEncoding: 'aes128gcm',
          urgency: 'high',
        },
      );
    } catch (error) {
      return { kind: 'rejected', reason: `the notification could not be made (${(error as Error).message})` };
    }
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0) {
      const verdict = this.check(literal);
      if (!verdict.allowed)
        return { kind: 'rejected', reason: `the endpoint's address is not public (${verdict.reason})` };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.push.timeoutMs);
    try {
      const response = await this.agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
        body: request.body ?? undefined,
        signal: controller.signal,
      });
      await response.body.dump();
      const status = response.statusCode;
      if (status >= 200 && status < 300) return { kind: 'sent' };
      if (status === 404 || status === 410) return { kind: 'gone', status };
      if (status === 429 || status >= 500)
        return { kind: 'retry', reason: `HTTP ${status}`, retryAfterMs: retryAfterMs(response.headers['retry-after']) };
      return { kind: 'rejected', reason: `HTTP ${status}` };
    } catch (error) {
      if (error instanceof PeerTargetRefusedError) return { kind: 'rejected', reason: error.message };
      if (error instanceof PeerDnsError) return { kind: 'retry', reason: error.message, retryAfterMs: null };
      const code = (error as { code?: unknown } | null)?.code;
      const reason = controller.signal.aborted ? 'timed out' : typeof code === 'string' ? code : 'network error';
      return { kind: 'retry', reason, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.destroy();
  }
}

function retryAfterMs(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
