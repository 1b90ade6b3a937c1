import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listenOnLoopback(server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
}

export function loopbackUrl(server: Server | null): string {
  const address = server?.address() as AddressInfo | null;
  if (!address) throw new Error('server not started');
  return `http://127.0.0.1:${address.port}`;
}

export async function closeServer(server: Server | null): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
