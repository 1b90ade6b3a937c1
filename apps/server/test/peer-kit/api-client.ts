import { type ApiError, type ApiRoute, apiRoutes, type MessageView, type RouteInput, type RouteResponse, routeUrl } from '@openmsg/core';

/** What `request` answers: the route's answer type, or the error body of a failed call. */
export interface ApiAnswer<R extends ApiRoute> {
  status: number;
  body: RouteResponse<R> | ApiError;
}

/** The answer as the helpers hand it to tests: typed as the route's answer, with the error fields of a failed call (check `status`). */
export interface LooseAnswer<R extends ApiRoute> {
  status: number;
  body: RouteResponse<R> & Partial<ApiError>;
}

/** The input argument of a route: optional when the route has no path parameters and no body. */
type InputArgs<R extends ApiRoute> = object extends RouteInput<R> ? [input?: RouteInput<R>] : [input: RouteInput<R>];

/** A signed-in user of a node under test, calling its client API over real HTTP with an access token. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly address: string,
  ) {}

  /** Calls a route of the contract (`apiRoutes`): its method, and its path with the parameters and query filled in. */
  async request<R extends ApiRoute>(route: R, ...[input]: InputArgs<R>): Promise<ApiAnswer<R>> {
    const { body, ...urlInput } = (input ?? {}) as { body?: unknown; params?: Record<string, string>; query?: Record<string, unknown> };
    return this.call(route.method, routeUrl(route, urlInput), body);
  }

  /** Raw HTTP, for what the contract does not describe (a malformed path, a wrong method). */
  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async createPassCode(note?: string): Promise<string> {
    const { status, body } = await this.loose(apiRoutes.createPassCode, { body: note ? { note } : {} });
    if (status !== apiRoutes.createPassCode.status) throw new Error(`creating a pass code answered ${status}: ${JSON.stringify(body)}`);
    return body.code;
  }

  connect(address: string, passCode: string) {
    return this.loose(apiRoutes.connect, { body: { address, passCode } });
  }

  async contactId(address: string): Promise<string> {
    return (await this.contact(address)).id;
  }

  async conversationId(address: string): Promise<string> {
    return (await this.contact(address)).conversationId;
  }

  send(to: string, text: string) {
    return this.loose(apiRoutes.sendMessage, { body: { to, text } });
  }

  message(id: string) {
    return this.loose(apiRoutes.getMessage, { params: { id } });
  }

  /** The conversation with `withAddress`, newest message first (up to 100). */
  async thread(withAddress: string): Promise<MessageView[]> {
    const { conversationId } = await this.contact(withAddress);
    const { status, body } = await this.loose(apiRoutes.conversationMessages, { params: { conversationId }, query: { limit: 100 } });
    if (status !== 200) throw new Error(`thread answered ${status}: ${JSON.stringify(body)}`);
    return body.items;
  }

  /** Polls a sent message until it reaches one of `states` (deliveries are asynchronous by design). */
  async waitForState(id: string, states: string[], timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.message(id);
      if (states.includes(body.state)) return body;
      if (Date.now() > deadline) throw new Error(`message ${id} stayed ${body.state} (${body.failureCode ?? ''} ${body.failureReason ?? ''})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async contact(address: string) {
    const { body } = await this.loose(apiRoutes.listContacts);
    const contact = body.items.find((item) => item.address === address);
    if (!contact) throw new Error(`${this.address} has no contact ${address}`);
    return contact;
  }

  private async loose<R extends ApiRoute>(route: R, ...input: InputArgs<R>): Promise<LooseAnswer<R>> {
    return (await this.request(route, ...input)) as LooseAnswer<R>;
  }
}
