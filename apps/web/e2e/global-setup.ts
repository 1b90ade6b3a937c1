import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStack } from './stack';

/**
 * Starts the two nodes and their inboxes once for the whole run; the returned function stops them.
 * Tests stop and start a node through a small loopback control server (POST /nodes/<domain>/stop
 * or /start), so the processes stay owned, and cleaned up, here; POST /nodes/<domain>/grant-admin/<number>
 * runs the admin CLI's grant-admin beside the node.
 */
export default async function globalSetup() {
  const stack = await startStack();
  const control = createServer((request, response) => {
    const match = /^\/nodes\/([a-z.]+)\/(stop|start|grant-admin\/[0-9]+)$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match) {
      response.writeHead(404).end();
      return;
    }
    const [domain, action] = [match[1] as string, match[2] as string];
    const done =
      action === 'stop'
        ? stack.stopNode(domain)
        : action === 'start'
          ? stack.restartNode(domain)
          : stack.admin(domain, ['grant-admin', '--id', action.split('/')[1] as string]);
    done.then(
      () => response.writeHead(204).end(),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  process.env.E2E_WEB_A = stack.webA;
  process.env.E2E_WEB_B = stack.webB;
  process.env.E2E_CONTROL = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;
  return async () => {
    control.close();
    await stack.stop();
  };
}
