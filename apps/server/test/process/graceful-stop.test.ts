import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../peer-kit/nodes';

/** Everything the socket receives until the other side closes it (or `ms` pass). */
function readUntilClosed(socket: Socket, ms: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve({ text, closed: false }), ms);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
  });
}

describe('a graceful stop with a keep-alive request under way', () => {
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode('sqlite', 'a.test');
  });
  afterAll(async () => {
    await node?.stop();
    await node?.dispose();
  });

  it('answers it with Connection: close and exits at once, not after the keep-alive timeout', async () => {
    const socket = connect(node.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const body = JSON.stringify({ address: '1*a.test', password: 'not the password' });
    const half = Math.floor(body.length / 2);
    socket.write(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, half)}`,
    );
    const answer = readUntilClosed(socket, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the request is being read
    const started = Date.now();
    const stopped = node.stop();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the node is closing
    socket.write(body.slice(half));
    const { text, closed } = await answer;
    await stopped;
    expect(text).toMatch(/^HTTP\/1\.1 \d{3} /);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
