import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_MESSAGE_CHARS, normalizeDomain } from '@openmsg/core';
import { parsePeerOverrides } from './peer-overrides';
import { parseTrustedProxies } from './trusted-proxies';

export const APP_CONFIG = Symbol('APP_CONFIG');

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(value)));

const MIB = 1024 * 1024;

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]+$/, 'must be a whole number')
    .optional()
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** Every setting the node reads from its environment, with its default. */
const environmentSchema = z.object({
  NODE_ENV: z.string().optional(),
  // Any spelling of the host name (capitals, a trailing dot, Unicode); the node uses its canonical form.
  OPENMSG_DOMAIN: z
    .string()
    .optional()
    .refine(
      (value) => value === undefined || normalizeDomain(value) !== null,
      'must be a host name such as example.com',
    ),
  PORT: integer(4000, 1, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  OPENMSG_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql:// (PostgreSQL)')
    .optional(),
  OPENMSG_DB_POOL_SIZE: integer(10, 1, 200),
  OPENMSG_ALLOW_PRIVATE_PEERS: flag(false),
  OPENMSG_PEER_OVERRIDES: z.string().optional(),
  OPENMSG_PEER_TIMEOUT_MS: integer(10_000, 100, 120_000),
  OPENMSG_NODE_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 random bytes)')
    .optional(),
  OPENMSG_MESSAGE_MAX_CHARS: integer(DEFAULT_MAX_MESSAGE_CHARS, 1, 1_000_000),
  // files-1 (docs/extensions/files.md) needs at least 512 KiB: a 64,000-character letter sealed, plus a manifest.
  OPENMSG_BODY_LIMIT_BYTES: integer(1024 * 1024, 1024, 64 * 1024 * 1024),
  OPENMSG_FILES: flag(true),
  OPENMSG_FILE_MAX_BYTES: integer(100 * MIB, MIB, 2 * 1024 * MIB - 1),
  OPENMSG_FILES_PER_MESSAGE: integer(10, 1, 100),
  OPENMSG_FILE_QUOTA_ACCOUNT_BYTES: integer(1024 * MIB, MIB, Number.MAX_SAFE_INTEGER),
  OPENMSG_FILE_QUOTA_NODE_BYTES: integer(10 * 1024 * MIB, MIB, Number.MAX_SAFE_INTEGER),
  OPENMSG_FILE_LINK_DAYS: integer(30, 1, 3650),
  OPENMSG_FILE_FETCH_DAYS: integer(7, 1, 365),
  OPENMSG_LONG_MESSAGE_MAX_CHARS: integer(64_000, 64_000, 1_000_000),
  OPENMSG_DELIVERY_MAX_AGE_SECONDS: integer(3 * 24 * 3600, 10, 365 * 24 * 3600),
  OPENMSG_DELIVERY_CONCURRENCY: integer(64, 1, 1000),
  OPENMSG_DELIVERY_POLL_MS: integer(1000, 10, 60_000),
  OPENMSG_DELIVERY_LEASE_SECONDS: integer(30, 1, 3600),
  OPENMSG_DELIVERY_RETRY_BASE_MS: integer(2000, 10, 3_600_000),
  OPENMSG_DELIVERY_RETRY_MAX_MS: integer(15 * 60_000, 10, 24 * 3_600_000),
  OPENMSG_PUSH: flag(true),
  OPENMSG_PUSH_VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be an uncompressed P-256 public key in base64url (87 characters)')
    .optional(),
  OPENMSG_PUSH_VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key in base64url (43 characters)')
    .optional(),
  OPENMSG_PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: or https:// URL')
    .optional(),
  OPENMSG_PUSH_CONCURRENCY: integer(16, 1, 256),
  OPENMSG_PUSH_TIMEOUT_MS: integer(10_000, 100, 60_000),
  OPENMSG_PUSH_TTL_SECONDS: integer(24 * 3600, 60, 28 * 24 * 3600),
  OPENMSG_PUSH_RETRY_BASE_MS: integer(5000, 10, 3_600_000),
  OPENMSG_TRUST_PROXY: flag(false),
  OPENMSG_TRUSTED_PROXIES: z.string().default('loopback'),
  OPENMSG_REGISTRATION: z
    .enum(['open', 'closed', 'invite'], { error: 'must be open, closed or invite' })
    .default('open'),
  OPENMSG_REGISTRATIONS_PER_HOUR: integer(10, 1, 1_000_000),
  OPENMSG_COOKIE_SECURE: flag(true),
  OPENMSG_SESSION_DAYS: integer(30, 1, 365),
  OPENMSG_SSE_HEARTBEAT_MS: integer(15_000, 100, 300_000),
  OPENMSG_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every variable the node reads (the warning about unknown OPENMSG_* variables checks against these). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(environmentSchema.shape);

export interface AppConfig {
  domain: string;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  databasePoolSize: number;
  allowPrivatePeers: boolean;
  peerOverrides: Record<string, string>;
  peerTimeoutMs: number;
  nodeKey: string | null;
  messageMaxChars: number;
  bodyLimitBytes: number;
  /** Whose X-Forwarded-For gives the client address: everyone's (OPENMSG_TRUST_PROXY) or these addresses' (Fastify's trustProxy). */
  trustProxy: true | string[];
  logLevel: string;
  /** When set, /metrics answers only with this bearer token. */
  metricsToken: string | null;
  accounts: {
    registration: 'open' | 'closed' | 'invite';
    /** Sign-ups per source address per hour. */
    registrationsPerHour: number;
    /** Off only for plain-HTTP development: browsers then refuse nothing, but the cookie could leak. */
    secureCookies: boolean;
    sessionDays: number;
  };
  /** Proxies drop a connection silent for 30-60 s: the event stream sends a comment this often. */
  sseHeartbeatMs: number;
  /**
   * Delivery and maintenance run in the background of a server process; the admin CLI, which
   * shares their modules, turns them off so that a short command never claims a message.
   */
  backgroundWork: boolean;
  delivery: {
    maxAgeSeconds: number;
    concurrency: number;
    pollIntervalMs: number;
    leaseSeconds: number;
    retry: { baseMs: number; maxMs: number };
  };
  /** Web Push notifications (apps/server/src/push). */
  push: {
    enabled: boolean;
    /** The operator's VAPID key pair (base64url); null: generated once and kept in the database. */
    vapidKeys: { publicKey: string; privateKey: string } | null;
    /** The VAPID `sub` claim: how a push service reaches the operator. */
    subject: string;
    concurrency: number;
    timeoutMs: number;
    /** The TTL a push service keeps an undelivered notification, and how long the node retries sending one. */
    ttlSeconds: number;
    retryBaseMs: number;
    /** http:// endpoints (tests' loopback push services): only with OPENMSG_ALLOW_PRIVATE_PEERS, never in production. */
    allowHttpEndpoints: boolean;
  };
  /** Files and long letters (docs/extensions/files.md): announced to peers as files-1 while enabled. */
  files: {
    enabled: boolean;
    maxFileBytes: number;
    maxFilesPerMessage: number;
    accountQuotaBytes: number;
    nodeQuotaBytes: number;
    /** How long a download link sent to a node without files-1 works. */
    linkDays: number;
    /** How long this node keeps trying to fetch a file it was sent. */
    fetchDays: number;
    /** The longest text toward a files-1 node or on this node; announced as max_text_chars. */
    longMessageMaxChars: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * A variable set to nothing (`X=` in an env file, `X: ${X:-}` in a compose file) or to blanks means
 * unset, for every setting: an operator leaving an optional value empty gets its default.
 */
function withoutEmptyValues(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
}

/** Reads and checks the environment; throws a ConfigError naming every bad variable at once. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const result = environmentSchema.safeParse(withoutEmptyValues(env));
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = result.data;
  const problems: string[] = [];
  if (!e.OPENMSG_DOMAIN && e.NODE_ENV === 'production')
    problems.push('OPENMSG_DOMAIN: required in production (the domain this node answers for)');
  let peerOverrides: Record<string, string> = {};
  try {
    peerOverrides = parsePeerOverrides(e.OPENMSG_PEER_OVERRIDES);
  } catch (error) {
    problems.push(`OPENMSG_PEER_OVERRIDES: ${(error as Error).message}`);
  }
  if (e.OPENMSG_DELIVERY_RETRY_MAX_MS < e.OPENMSG_DELIVERY_RETRY_BASE_MS)
    problems.push('OPENMSG_DELIVERY_RETRY_MAX_MS: must not be less than OPENMSG_DELIVERY_RETRY_BASE_MS');
  if (e.OPENMSG_DELIVERY_LEASE_SECONDS * 1000 <= e.OPENMSG_PEER_TIMEOUT_MS)
    problems.push(
      'OPENMSG_DELIVERY_LEASE_SECONDS: must be longer than OPENMSG_PEER_TIMEOUT_MS, or a slow attempt could be claimed twice',
    );
  if (!e.OPENMSG_PUSH_VAPID_PUBLIC_KEY !== !e.OPENMSG_PUSH_VAPID_PRIVATE_KEY)
    problems.push('OPENMSG_PUSH_VAPID_PUBLIC_KEY, OPENMSG_PUSH_VAPID_PRIVATE_KEY: set both or neither');
  let trustedProxies: string[] = [];
  try {
    trustedProxies = parseTrustedProxies(e.OPENMSG_TRUSTED_PROXIES);
  } catch (error) {
    problems.push(`OPENMSG_TRUSTED_PROXIES: ${(error as Error).message}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(e.OPENMSG_DATA_DIR);
  const domain = (e.OPENMSG_DOMAIN && normalizeDomain(e.OPENMSG_DOMAIN)) || 'localhost';
  return {
    domain,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, 'openmsg.db')}`,
    databasePoolSize: e.OPENMSG_DB_POOL_SIZE,
    allowPrivatePeers: e.OPENMSG_ALLOW_PRIVATE_PEERS,
    peerOverrides,
    peerTimeoutMs: e.OPENMSG_PEER_TIMEOUT_MS,
    nodeKey: e.OPENMSG_NODE_KEY?.toLowerCase() ?? null,
    messageMaxChars: e.OPENMSG_MESSAGE_MAX_CHARS,
    bodyLimitBytes: e.OPENMSG_BODY_LIMIT_BYTES,
    trustProxy: e.OPENMSG_TRUST_PROXY || trustedProxies,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.OPENMSG_METRICS_TOKEN ?? null,
    sseHeartbeatMs: e.OPENMSG_SSE_HEARTBEAT_MS,
    backgroundWork: true,
    accounts: {
      registration: e.OPENMSG_REGISTRATION,
      registrationsPerHour: e.OPENMSG_REGISTRATIONS_PER_HOUR,
      secureCookies: e.OPENMSG_COOKIE_SECURE,
      sessionDays: e.OPENMSG_SESSION_DAYS,
    },
    delivery: {
      maxAgeSeconds: e.OPENMSG_DELIVERY_MAX_AGE_SECONDS,
      concurrency: e.OPENMSG_DELIVERY_CONCURRENCY,
      pollIntervalMs: e.OPENMSG_DELIVERY_POLL_MS,
      leaseSeconds: e.OPENMSG_DELIVERY_LEASE_SECONDS,
      retry: { baseMs: e.OPENMSG_DELIVERY_RETRY_BASE_MS, maxMs: e.OPENMSG_DELIVERY_RETRY_MAX_MS },
    },
    push: {
      enabled: e.OPENMSG_PUSH,
      vapidKeys:
        e.OPENMSG_PUSH_VAPID_PUBLIC_KEY && e.OPENMSG_PUSH_VAPID_PRIVATE_KEY
          ? { publicKey: e.OPENMSG_PUSH_VAPID_PUBLIC_KEY, privateKey: e.OPENMSG_PUSH_VAPID_PRIVATE_KEY }
          : null,
      subject: e.OPENMSG_PUSH_SUBJECT ?? `https://${domain}`,
      concurrency: e.OPENMSG_PUSH_CONCURRENCY,
      timeoutMs: e.OPENMSG_PUSH_TIMEOUT_MS,
      ttlSeconds: e.OPENMSG_PUSH_TTL_SECONDS,
      retryBaseMs: e.OPENMSG_PUSH_RETRY_BASE_MS,
      allowHttpEndpoints: e.OPENMSG_ALLOW_PRIVATE_PEERS && e.NODE_ENV !== 'production',
    },
    files: {
      enabled: e.OPENMSG_FILES,
      maxFileBytes: e.OPENMSG_FILE_MAX_BYTES,
      maxFilesPerMessage: e.OPENMSG_FILES_PER_MESSAGE,
      accountQuotaBytes: e.OPENMSG_FILE_QUOTA_ACCOUNT_BYTES,
      nodeQuotaBytes: e.OPENMSG_FILE_QUOTA_NODE_BYTES,
      linkDays: e.OPENMSG_FILE_LINK_DAYS,
      fetchDays: e.OPENMSG_FILE_FETCH_DAYS,
      longMessageMaxChars: e.OPENMSG_LONG_MESSAGE_MAX_CHARS,
    },
  };
}
