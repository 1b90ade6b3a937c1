import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:tls';

/** A throwaway certificate authority and one certificate it signed for the test domains (and 127.0.0.1), made with openssl. */
export class TestCertificates {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'openmsg-tls-'));
  readonly caFile = path.join(this.dir, 'ca.pem');
  readonly key: Buffer;
  readonly cert: Buffer;

  constructor(domains: string[]) {
    const run = (...args: string[]) => execFileSync('openssl', args, { cwd: this.dir, stdio: 'pipe' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '90', '-subj', '/CN=Openmsg test CA');
    run('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=openmsg test node');
    writeFileSync(
      path.join(this.dir, 'leaf.ext'),
      `subjectAltName=${[...domains.map((domain) => `DNS:${domain}`), 'IP:127.0.0.1'].join(',')}\n`,
    );
    run(
      'x509',
      '-req',
      '-in',
      'leaf.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'leaf.pem',
      '-days',
      '90',
      '-extfile',
      'leaf.ext',
    );
    this.key = readFileSync(path.join(this.dir, 'leaf.key'));
    this.cert = readFileSync(path.join(this.dir, 'leaf.pem'));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** TLS in front of a plain-HTTP loopback server, byte for byte: the node seen as a peer sees a real one, on https. */
export class TlsFront {
  private server: Server | null = null;

  constructor(
    private readonly certificates: TestCertificates,
    private readonly targetPort: number,
  ) {}

  get baseUrl(): string {
    return `https://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    const server = createServer({ key: this.certificates.key, cert: this.certificates.cert }, (socket) => {
      const upstream = netConnect(this.targetPort, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      const end = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', end);
      upstream.on('error', end);
      socket.on('close', end);
      upstream.on('close', end);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
