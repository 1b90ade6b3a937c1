/** A signed-in user of a node under test, calling its client API over real HTTP with an access token. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly address: string,
  ) {}

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
    const { status, body } = await this.call<{ code: string }>('POST', '/api/v1/passcodes', note ? { note } : {});
    if (status !== 201) throw new Error(`creating a pass code answered ${status}: ${JSON.stringify(body)}`);
    return body.code;
  }

  connect(address: string, passCode: string) {
    return this.call('POST', '/api/v1/contacts', { address, passCode });
  }

  async contactId(address: string): Promise<string> {
    return (await this.contact(address)).id;
  }

  async conversationId(address: string): Promise<string> {
    return (await this.contact(address)).conversationId;
  }

  private async contact(address: string): Promise<{ id: string; conversationId: string }> {
    const { body } = await this.call<{ items: Array<{ id: string; address: string; conversationId: string }> }>('GET', '/api/v1/contacts');
    const contact = body.items.find((item) => item.address === address);
    if (!contact) throw new Error(`${this.address} has no contact ${address}`);
    return contact;
  }

  send(to: string, text: string) {
    return this.call('POST', '/api/v1/messages', { to, text });
  }

  message(id: string) {
    return this.call('GET', `/api/v1/messages/${encodeURIComponent(id)}`);
  }

  async thread(withAddress: string): Promise<Array<{ id: string; text: string; direction: string; state: string }>> {
    const conversationId = await this.conversationId(withAddress);
    const { status, body } = await this.call('GET', `/api/v1/conversations/${conversationId}/messages?limit=100`);
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
}
