import type { ApiRouteName, MessageView } from '@openmsg/core';
import { type CallAnswer, contractRequest, type RouteInputArgs, type UntypedInput } from './contract-call';

/** A signed-in user of a node under test, calling its client API over real HTTP with an access token. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly address: string,
  ) {}

  /** Calls a route of the contract (`apiRoutes`) by name: path parameters, body, query and answer typed from it. */
  call<N extends ApiRouteName>(name: N, ...[input]: RouteInputArgs<N>): Promise<CallAnswer<N>> {
    return this.callUntyped(name, input as UntypedInput);
  }

  /** A route of the contract with input that is malformed on purpose (sent as given). */
  callUntyped<N extends ApiRouteName>(name: N, input?: UntypedInput): Promise<CallAnswer<N>> {
    const { method, path, body } = contractRequest(name, input);
    return this.raw(method, path, body);
  }

  /** Raw HTTP, for what the contract does not describe (an unknown path, a wrong method). */
  async raw<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async createPassCode(note?: string): Promise<string> {
    const { status, body } = await this.call('createPassCode', { body: note ? { note } : {} });
    if (status !== 201) throw new Error(`creating a pass code answered ${status}: ${JSON.stringify(body)}`);
    return body.code;
  }

  connect(address: string, passCode: string) {
    return this.call('connect', { body: { address, passCode } });
  }

  async contactId(address: string): Promise<string> {
    return (await this.contact(address)).id;
  }

  async conversationId(address: string): Promise<string> {
    return (await this.contact(address)).conversationId;
  }

  send(to: string, text: string) {
    return this.call('sendMessage', { body: { to, text } });
  }

  message(id: string) {
    return this.call('getMessage', { params: { id } });
  }

  /** The conversation with `withAddress`, newest message first (up to 100). */
  async thread(withAddress: string): Promise<MessageView[]> {
    const { conversationId } = await this.contact(withAddress);
    const { status, body } = await this.call('conversationMessages', {
      params: { conversationId },
      query: { limit: 100 },
    });
    if (status !== 200) throw new Error(`thread answered ${status}: ${JSON.stringify(body)}`);
    return body.items;
  }

  /** Polls a sent message until it reaches one of `states` (deliveries are asynchronous by design). */
  async waitForState(id: string, states: string[], timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.message(id);
      if (states.includes(body.state)) return body;
      if (Date.now() > deadline)
        throw new Error(`message ${id} stayed ${body.state} (${body.failureCode ?? ''} ${body.failureReason ?? ''})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async contact(address: string) {
    const { body } = await this.call('listContacts');
    const contact = body.items.find((item) => item.address === address);
    if (!contact) throw new Error(`${this.address} has no contact ${address}`);
    return contact;
  }
}
