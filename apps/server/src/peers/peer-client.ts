import { isIP } from 'node:net';
import type { FederationEndpointName, FederationPathForm } from '@openmsg/core';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { type AddressCheck, createVettedLookup, guardConnector } from './guarded-connect';
import { type AddressVerdict, classifyPeerAddress } from './ip-policy';
import { PEER_CLIENT_DEFAULTS, type PeerClientOptions } from './peer-client-options';
import { checkPeerDomain } from './peer-domain';
import { PeerDnsError, PeerTargetRefusedError } from './peer-errors';
import type { PeerAnswerDetails, PeerFailure, PeerFailureKind, PeerResponse, PeerStream } from './peer-response';
import { compilePeerOverrides, type PeerOverrideMap } from '../config/peer-overrides';
import { buildPeerUrl, buildPeerUrlAt } from './peer-url';
import { parseLenientJson, readCappedBody } from './read-capped-body';
import { resolveWithSystemDns } from './resolve-host';

const FOLLOWED_REDIRECTS = new Set([301, 302, 307, 308]);
const ANY_ADDRESS: AddressCheck = (): AddressVerdict => ({ allowed: true });

/**
 * The sending component's HTTP client: `POST {peer}/openmsg/{endpoint}/` with a JSON body, hardened
 * against SSRF (see docs/PROTOCOL.md, "Beyond the reference: SSRF"). It never throws for anything the
 * network or the peer does; every outcome is a {@link PeerResponse}. One keep-alive pool per
 * instance: share one instance per process.
 */
export class PeerClient {
  private readonly agent: Agent;
  private readonly overrides: PeerOverrideMap;
  private readonly check: AddressCheck;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly headers: Record<string, string>;

  constructor(options: PeerClientOptions) {
    this.overrides = compilePeerOverrides(options.overrides);
    this.check = options.allowPrivatePeers ? ANY_ADDRESS : classifyPeerAddress;
    this.timeoutMs = options.timeoutMs ?? PEER_CLIENT_DEFAULTS.timeoutMs;
    this.maxResponseBytes = options.maxResponseBytes ?? PEER_CLIENT_DEFAULTS.maxResponseBytes;
    this.headers = {
      'content-type': 'application/json',
      accept: 'application/json',
      'user-agent': options.userAgent ?? PEER_CLIENT_DEFAULTS.userAgent,
    };
    const connector = buildConnector({
      timeout: options.connectTimeoutMs ?? PEER_CLIENT_DEFAULTS.connectTimeoutMs,
      lookup: createVettedLookup(options.lookup ?? resolveWithSystemDns, this.check),
    });
    this.agent = new Agent({
      connect: guardConnector(connector, this.check),
      connections: options.connectionsPerOrigin ?? PEER_CLIENT_DEFAULTS.connectionsPerOrigin,
      pipelining: 1,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  /**
   * Any body, as the conformance checker needs for its malformed probes; the node's own calls go
   * through `PeerGateway.post`, which takes only the endpoint's request shape.
   */
  async post(
    domain: string,
    endpoint: FederationEndpointName,
    body: unknown,
    form: FederationPathForm = 'standard',
  ): Promise<PeerResponse> {
    const target = this.target(domain, endpoint, (checked) => this.urlOf(checked, endpoint, form));
    if (!target.ok) return target;
    return this.postJson(target.url, target.label, body);
  }

  /**
   * An extension's call (files-1's receipt): POST a JSON body to `path` on `domain`, answered and read as `post`
   * reads a federation endpoint's answer. Only for a domain whose announcement lists the extension.
   */
  async postAt(domain: string, path: string, body: unknown): Promise<PeerResponse> {
    const target = this.target(domain, path, (checked) => buildPeerUrlAt(checked, path, this.overrides));
    if (!target.ok) return target;
    return this.postJson(target.url, target.label, body);
  }

  /**
   * POST a JSON body to `path` on `domain` and hand back a 2xx answer's body as a stream, for answers too large to
   * hold (files-1's fetch): the caller reads what it expects and destroys the stream. The connection and the answer's
   * head are bounded as in `post`; then the stream fails when `idleTimeoutMs` pass without a byte. Another status is
   * read as `post` reads it (capped JSON) and returned as a failure.
   */
  async openStream(
    domain: string,
    path: string,
    body: unknown,
    options: { idleTimeoutMs?: number } = {},
  ): Promise<PeerStream | PeerFailure> {
    const target = this.target(domain, path, (checked) => buildPeerUrlAt(checked, path, this.overrides));
    if (!target.ok) return target;
    const idleTimeoutMs = options.idleTimeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      return await this.exchange(
        target.url,
        JSON.stringify(body) ?? 'null',
        { signal: controller.signal, bodyTimeout: idleTimeoutMs },
        target.label,
        (response, redirected) => {
          if (response.statusCode < 200 || response.statusCode >= 300)
            return this.readAnswer(response, target.label, redirected) as Promise<PeerFailure>;
          clearTimeout(timer);
          const declared = Number(response.headers['content-length']);
          const stream: PeerStream = {
            ok: true,
            status: response.statusCode,
            contentLength:
              response.headers['content-length'] !== undefined && Number.isSafeInteger(declared) ? declared : null,
            body: response.body,
          };
          return Promise.resolve(stream);
        },
      );
    } catch (error) {
      return describeError(error, controller.signal.aborted, target.label, this.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  private target(
    domain: string,
    name: string,
    urlOf: (checked: string) => URL,
  ): { ok: true; url: URL; label: string } | PeerFailure {
    const checked = checkPeerDomain(domain);
    if (!checked.ok) return failure('refused_target', `${printable(domain)}: ${checked.reason}`);
    const url = urlOf(checked.domain);
    const label = `${checked.domain} ${name}`;
    // An override's base URL may name an IP directly (net.connect then skips the lookup): vet it
    // here so a refused target is never contacted. Chosen: overrides only say where a domain lives;
    // they do not widen what may be reached, so an override to a private address still needs
    // allowPrivatePeers. One switch, off in production, then governs every private target, and an
    // override left in a production config cannot point the node at internal services.
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0) {
      const verdict = this.check(literal);
      if (!verdict.allowed) return failure('refused_target', `${label}: ${literal} is not public (${verdict.reason})`);
    }
    return { ok: true, url, label };
  }

  private async postJson(url: URL, label: string, body: unknown): Promise<PeerResponse> {
    const payload = JSON.stringify(body) ?? 'null';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      return await this.exchange(url, payload, { signal: controller.signal }, label, (response, redirected) =>
        this.readAnswer(response, label, redirected),
      );
    } catch (error) {
      return describeError(error, controller.signal.aborted, label, this.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Where a call to `domain` goes (after the operator's overrides). */
  urlOf(domain: string, endpoint: FederationEndpointName, form: FederationPathForm = 'standard'): URL {
    return buildPeerUrl(domain, endpoint, this.overrides, form);
  }

  /** The vetted address check this client applies (none when private peers are allowed). */
  get addressCheck(): AddressCheck {
    return this.check;
  }

  /** Drops pooled connections and calls in flight at once. */
  destroy(): Promise<void> {
    return this.agent.destroy();
  }

  /** Closes pooled connections (waits for calls in flight). */
  close(): Promise<void> {
    return this.agent.close();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  /** One POST, plus at most one redirect to the same origin, re-sending the same body by hand. */
  private async exchange<R extends PeerResponse | PeerStream>(
    url: URL,
    payload: string,
    options: { signal: AbortSignal; bodyTimeout?: number },
    label: string,
    answer: (response: Dispatcher.ResponseData, redirected: boolean) => Promise<R | PeerFailure>,
  ): Promise<R | PeerFailure> {
    let target = url;
    for (let hop = 0; ; hop++) {
      const response = await this.agent.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: this.headers,
        body: payload,
        ...options,
      });
      const status = response.statusCode;
      if (status < 300 || status >= 400) return answer(response, hop > 0);

      await response.body.dump();
      if (!FOLLOWED_REDIRECTS.has(status))
        return failure('redirect', `${label}: HTTP ${status} is not a redirect to follow`, status);
      if (hop >= 1) return failure('redirect', `${label}: more than one redirect`, status);
      const next = redirectTarget(target, response.headers.location);
      if (!next) return failure('redirect', `${label}: redirect without a usable Location`, status);
      if (next.origin !== target.origin)
        return failure('redirect', `${label}: redirect to another origin (${next.origin}) refused`, status);
      target = next;
    }
  }

  private async readAnswer(
    response: Dispatcher.ResponseData,
    label: string,
    redirected: boolean,
  ): Promise<PeerResponse> {
    const status = response.statusCode;
    const header = (name: string) => {
      const value = response.headers[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    };
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxResponseBytes) {
      response.body.destroy();
      return failure('too_large', `${label}: answer of ${declared} bytes exceeds ${this.maxResponseBytes}`, status);
    }
    const read = await readCappedBody(response.body, this.maxResponseBytes);
    if (!read.ok) return failure('too_large', `${label}: answer exceeds ${this.maxResponseBytes} bytes`, status);
    const parsed = parseLenientJson(read.bytes);
    const text = read.bytes.toString('utf8');
    const details: PeerAnswerDetails = {
      contentType: header('content-type'),
      padded: text.trim() !== text,
      redirected,
      date: header('date'),
    };
    if (status !== 200) {
      const answer = { ...failure('http_status', `${label}: HTTP ${status}`, status), details };
      return parsed.ok ? { ...answer, json: parsed.json } : answer;
    }
    if (!parsed.ok)
      return { ...failure('bad_json', `${label}: answer is not JSON (${read.bytes.length} bytes)`, status), details };
    return { ok: true, status: 200, json: parsed.json, details };
  }
}

function redirectTarget(current: URL, location: string | string[] | undefined): URL | null {
  const value = Array.isArray(location) ? location[0] : location;
  if (!value) return null;
  try {
    const next = new URL(value, current);
    if (next.username || next.password) return null;
    next.hash = '';
    return next;
  } catch {
    return null;
  }
}

function describeError(error: unknown, timedOut: boolean, label: string, timeoutMs: number): PeerFailure {
  if (error instanceof PeerTargetRefusedError) return failure('refused_target', `${label}: ${error.message}`);
  if (error instanceof PeerDnsError) return failure('dns', `${label}: ${error.message}`);
  if (timedOut) return failure('timeout', `${label}: no complete answer within ${timeoutMs} ms`);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return failure('timeout', `${label}: no complete answer in time (${code})`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return failure('connect', `${label}: connect timed out`);
  const reason = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
  return failure('connect', `${label}: connection failed (${reason})`);
}

function failure(kind: PeerFailureKind, message: string, status?: number): PeerFailure {
  return status === undefined ? { ok: false, kind, message } : { ok: false, kind, status, message };
}

/** Domains come from typed addresses: keep what reaches the logs short and printable. */
function printable(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text);
}
