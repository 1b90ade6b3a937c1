import type { FactoryProvider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ResolveHost } from './resolve-host';

/** Injection token for {@link PeerClientOptions}, provided from the app's config by {@link peerClientOptionsProvider}. */
export const PEER_CLIENT_OPTIONS = Symbol('PEER_CLIENT_OPTIONS');

export interface PeerClientOptions {
  /** Skips the public-address checks. For local testing only; off in production. */
  allowPrivatePeers: boolean;
  /** Domain → base URL (e.g. `a.test` → `http://127.0.0.1:4101`), see `parsePeerOverrides`. */
  overrides: Record<string, string>;
  /** Whole call, redirect included. Default 10 000 ms. */
  timeoutMs?: number;
  /** DNS + TCP (+ TLS) for a new connection. Default 5 000 ms. */
  connectTimeoutMs?: number;
  /** Larger answers fail with `too_large`. Default 64 KiB. */
  maxResponseBytes?: number;
  userAgent?: string;
  /** Keep-alive connections kept per peer origin. Default 32. */
  connectionsPerOrigin?: number;
  /** Resolver for peer host names; defaults to the system resolver (dns.lookup, all answers). */
  lookup?: ResolveHost;
}

export const PEER_CLIENT_DEFAULTS = {
  timeoutMs: 10_000,
  connectTimeoutMs: 5_000,
  maxResponseBytes: 64 * 1024,
  userAgent: 'openmsg-node/1.0',
  connectionsPerOrigin: 32,
} as const;

/** The peer client's options as the node's configuration sets them. */
export function peerClientOptionsOf(config: AppConfig): PeerClientOptions {
  return {
    allowPrivatePeers: config.allowPrivatePeers,
    overrides: config.peerOverrides,
    timeoutMs: config.peerTimeoutMs,
    connectTimeoutMs: Math.min(PEER_CLIENT_DEFAULTS.connectTimeoutMs, config.peerTimeoutMs),
  };
}

export const peerClientOptionsProvider: FactoryProvider<PeerClientOptions> = {
  provide: PEER_CLIENT_OPTIONS,
  useFactory: peerClientOptionsOf,
  inject: [APP_CONFIG],
};
