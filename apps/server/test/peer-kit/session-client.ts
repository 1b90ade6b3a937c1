import type { ApiRouteName } from '@openmsg/core';
import { type CallAnswer, contractRequest, type RouteInputArgs, type UntypedInput } from './contract-call';

/** Whether the CSRF header goes with a state-changing request (off to test the refusal). */
export interface CallOptions {
  csrf?: boolean;
}

/** A browser-like user of the client API: session cookies, and the CSRF header on every state-changing request. */
export class SessionClient {
  private cookies = new Map<string, string>();
  /** The raw Set-Cookie headers of the last answer, to check their attributes. */
  lastSetCookies: string[] = [];

  /** `send` is fetch, or an in-process node's fetch through inject (test/in-process/kit). */
  constructor(
    readonly baseUrl: string,
    private readonly send: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  get csrfToken(): string | undefined {
    return this.cookies.get('om_csrf');
  }

  /** Calls a route of the contract (`apiRoutes`) by name: path parameters, body, query and answer typed from it. */
  call<N extends ApiRouteName>(
    name: N,
    ...[input, options]: RouteInputArgs<N, [options?: CallOptions]>
  ): Promise<CallAnswer<N>> {
    return this.callUntyped(name, input as UntypedInput, options);
  }

  /** A route of the contract with input that is malformed on purpose (sent as given). */
  callUntyped<N extends ApiRouteName>(name: N, input?: UntypedInput, options?: CallOptions): Promise<CallAnswer<N>> {
    const { method, path, body } = contractRequest(name, input);
    return this.raw(method, path, body, options);
  }

  /** Raw HTTP, for what the contract does not describe (an unknown path, a wrong method, a body that is not JSON). */
  async raw<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: CallOptions = {},
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.csrf !== false && this.csrfToken && !['GET', 'HEAD'].includes(method))
      headers['x-csrf-token'] = this.csrfToken;
    const response = await this.send(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (!name) continue;
      const text = value.join('=');
      if (text === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line))
        this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), text);
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  register(displayName: string, password: string, extra: { addressId?: string; invitationCode?: string } = {}) {
    return this.call('register', { body: { displayName, password, ...extra } });
  }

  login(address: string, password: string) {
    return this.call('login', { body: { address, password } });
  }

  /** Keeps the cookies but forgets nothing else: for replaying an old session. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
