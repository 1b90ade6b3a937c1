import {
  type ApiRoute,
  type ApiRouteName,
  type ApiRoutes,
  apiRoutes,
  CSRF_COOKIE,
  CSRF_HEADER,
  type Me,
  type RouteInput,
  type RouteResponse,
  routeUrl,
} from '@openmsg/core';
import { CookieJar } from './cookie-jar';
import { OpenmsgError } from './errors';
import { EventStream, type EventStreamHandlers, type EventStreamOptions } from './event-stream';

export interface OpenmsgClientOptions {
  /** The node's URL, such as `https://example.com`; empty (the default) in a browser page served by the node's own origin. */
  baseUrl?: string;
  /** A personal access token (`om_...`), sent as `Authorization: Bearer`. Without one, calls use the session cookie of signIn. */
  token?: string;
  /**
   * Who keeps the session cookies: `browser` leaves them to the browser (and reads the CSRF cookie
   * from `document.cookie`); `jar` keeps them in this object, for Node and other programs without
   * a browser. Default: `browser` where there is a `document`, else `jar`.
   */
  cookies?: 'browser' | 'jar';
  /** The fetch to use (default: the global one): a wrapper for logging, a test double, another HTTP stack. */
  fetch?: typeof fetch;
  /** Headers sent with every request, such as a `user-agent`. */
  headers?: Record<string, string>;
}

/** A route's input, then an AbortSignal; the input is optional where the route has no path parameters and no body. */
export type CallArgs<R extends ApiRoute> =
  object extends RouteInput<R>
    ? [input?: RouteInput<R>, signal?: AbortSignal]
    : [input: RouteInput<R>, signal?: AbortSignal];

/** The routes that answer with JSON (the others stream: see OpenmsgClient.events and OpenmsgClient.open). */
export type JsonRouteName = {
  [K in ApiRouteName]: ApiRoutes[K] extends { readonly stream: true } ? never : K;
}[ApiRouteName];

/** One method per JSON route of the contract, named as in `apiRoutes`: `client.api.sendMessage({ body: { to, text } })`. */
export type RouteCalls = {
  [K in JsonRouteName]: (...args: CallArgs<ApiRoutes[K]>) => Promise<RouteResponse<ApiRoutes[K]>>;
};

interface LooseInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * A client of one Openmsg node's client API (`/api/v1`). Every route comes from the contract in
 * `@openmsg/core` (`apiRoutes`): its URL, method, input and answer types. A failed call throws
 * an OpenmsgError with the node's error code.
 */
export class OpenmsgClient {
  /** Every JSON route of the contract as a method (new routes appear here as the contract gains them). */
  readonly api: RouteCalls;
  private readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly jar: CookieJar | null;
  private readonly fetchImpl: typeof fetch;
  private readonly extraHeaders: Record<string, string>;

  constructor(options: OpenmsgClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    this.token = options.token;
    const cookies = options.cookies ?? (typeof document === 'undefined' ? 'jar' : 'browser');
    this.jar = cookies === 'jar' ? new CookieJar() : null;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.extraHeaders = options.headers ?? {};
    const calls: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const [name, route] of Object.entries(apiRoutes) as Array<[string, ApiRoute]>) {
      if (!route.stream) calls[name] = (...args) => this.call(route, ...(args as CallArgs<ApiRoute>));
    }
    this.api = calls as RouteCalls;
  }

  /**
   * Calls a route of the contract: `client.call(apiRoutes.conversationMessages, { params: { conversationId }, query: { limit: 20 } })`.
   * Answers with the route's answer type (undefined for a 204); throws OpenmsgError.
   */
  async call<R extends ApiRoute>(route: R, ...[input, signal]: CallArgs<R>): Promise<RouteResponse<R>> {
    const response = await this.send(route, input as LooseInput | undefined, signal);
    if (response.status === 204) return undefined as RouteResponse<R>;
    return (await response.json().catch(() => {
      throw new OpenmsgError(response.status, 'bad_answer', 'the node answered with something that is not JSON');
    })) as RouteResponse<R>;
  }

  /**
   * Signs in with an address (or just its number) and password: a session cookie, kept by the
   * browser or by this client, then signs the following calls. Answers the account.
   */
  signIn(address: string, password: string, signal?: AbortSignal): Promise<Me> {
    return this.call(apiRoutes.login, { body: { address, password } }, signal);
  }

  /** Ends the session (the node revokes it) and forgets its cookies. */
  async signOut(signal?: AbortSignal): Promise<void> {
    try {
      await this.call(apiRoutes.logout, undefined, signal);
    } finally {
      this.jar?.clear();
    }
  }

  /**
   * The live event stream (GET /api/v1/events): each event to `onEvent`; after the stream was lost
   * and is back, `onResync` (events may have been missed: fetch again what you show). It reconnects
   * by itself with backoff until `close()`, or until the node refuses the credentials (`onError`).
   */
  events(handlers: EventStreamHandlers, options: EventStreamOptions = {}): EventStream {
    return new EventStream(
      (signal) => this.send(apiRoutes.events, undefined, signal, 'text/event-stream'),
      handlers,
      options,
    );
  }

  /**
   * The raw answer of a route, once its status is a success (else OpenmsgError): for the routes that
   * stream (`apiRoutes.exportMyData`), or to read headers.
   */
  open<R extends ApiRoute>(route: R, ...[input, signal]: CallArgs<R>): Promise<Response> {
    return this.send(route, input as LooseInput | undefined, signal, route.stream ? '*/*' : 'application/json');
  }

  private async send(
    route: ApiRoute,
    input: LooseInput | undefined,
    signal: AbortSignal | undefined,
    accept = 'application/json',
  ): Promise<Response> {
    const { params, query, body } = input ?? {};
    const headers: Record<string, string> = { ...this.extraHeaders, accept };
    if (route.method !== 'GET') headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    else this.addSessionHeaders(route, headers);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${routeUrl(route, { params, query })}`, {
        method: route.method,
        headers,
        body: route.method === 'GET' ? undefined : JSON.stringify(body ?? {}),
        credentials: this.token || this.jar ? 'omit' : 'include',
        signal,
      });
    } catch (caught) {
      if (signal?.aborted) throw caught;
      throw new OpenmsgError(0, 'offline', 'cannot reach the node');
    }
    this.jar?.store(response.headers);
    if (!response.ok) throw await OpenmsgError.fromResponse(response);
    return response;
  }

  /** Cookie sessions: the cookies (kept here, or by the browser) and the CSRF token on every state-changing call. */
  private addSessionHeaders(route: ApiRoute, headers: Record<string, string>): void {
    const cookie = this.jar?.header();
    if (cookie) headers.cookie = cookie;
    if (route.method === 'GET') return;
    const csrf = this.jar ? this.jar.get(CSRF_COOKIE) : browserCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
}

function browserCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const entry = document.cookie.split('; ').find((candidate) => candidate.startsWith(`${name}=`));
  return entry ? decodeURIComponent(entry.slice(name.length + 1)) : undefined;
}
