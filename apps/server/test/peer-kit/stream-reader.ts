/** Reads a text/event-stream response into events and comments as they arrive. */
export class StreamReader {
  readonly events: Array<{ event: string; data: any }> = [];
  comments = 0;
  private buffer = '';

  constructor(private readonly response: Response) {}

  async pump(): Promise<void> {
    const reader = (this.response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      this.buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const lines = block.split('\n');
        if (lines.some((line) => line.startsWith(': heartbeat'))) this.comments++;
        const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
        const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
        if (event && data) this.events.push({ event, data: JSON.parse(data) });
      }
    }
  }

  async waitFor<T>(pick: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = pick();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`stream did not deliver in time; got ${JSON.stringify(this.events.map((e) => e.event))}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
