import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback in front of a real server (PostgreSQL), that a test cuts: every open
 * connection is reset and new ones are refused (the port closes), as when the database server
 * stops; `restore` opens the same port again. The server behind it is never touched.
 */
export class CuttableTcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;
  private targetHost = '127.0.0.1';
  private targetPort = 5432;

  async start(): Promise<this> {
    await this.listen(0);
    this.port = (this.server?.address() as AddressInfo).port;
    return this;
  }

  get listeningPort(): number {
    return this.port;
  }

  /** `url` (postgresql://host:port/db) with its host and port pointing at this proxy, which forwards to them. */
  route(url: string): string {
    const routed = new URL(url);
    this.targetHost = routed.hostname;
    this.targetPort = Number(routed.port || 5432);
    routed.hostname = '127.0.0.1';
    routed.port = String(this.port);
    return routed.toString();
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restore(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async stop(): Promise<void> {
    await this.cut();
  }

  private listen(port: number): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  }
}
