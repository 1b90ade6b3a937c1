import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allocatePorts, freePort, startStack, stopProcess } from './stack';

const CADDYFILE = path.resolve(__dirname, '../../../docker/Caddyfile');
const CADDY = process.env.CADDY_PATH ?? '/usr/bin/caddy';

/**
 * The production topology without Docker: docker/Caddyfile, unchanged, run by Debian's caddy in
 * front of each node and its inbox, with HTTPS from Caddy's internal CA (`localhost` sites). The
 * nodes trust that CA and reach each other only through Caddy, over HTTPS.
 */
export async function startCaddyStack() {
  const ports = await allocatePorts();
  const [httpsA, httpsB] = [await freePort(), await freePort()];
  const caddyHome = mkdtempSync(path.join(tmpdir(), 'openmsg-caddy-'));
  const caddies: ChildProcess[] = [];
  const logs: string[][] = [];
  const startCaddy = async (httpsPort: number, nodePort: number, webPort: number) => {
    const caddy = spawn(CADDY, ['run', '--config', CADDYFILE, '--adapter', 'caddyfile'], {
      cwd: caddyHome,
      env: {
        ...process.env,
        HOME: caddyHome,
        XDG_DATA_HOME: caddyHome,
        XDG_CONFIG_HOME: caddyHome,
        OPENMSG_DOMAIN: `https://localhost:${httpsPort}`,
        OPENMSG_NODE_UPSTREAM: `127.0.0.1:${nodePort}`,
        OPENMSG_WEB_UPSTREAM: `127.0.0.1:${webPort}`,
        CADDY_ADMIN: 'off',
        CADDY_HTTP_PORT: String(await freePort()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    caddy.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    caddies.push(caddy);
    logs.push(lines);
  };
  const authority = path.join(caddyHome, 'caddy/pki/authorities/local');
  const rootCertificate = path.join(authority, 'root.crt');
  const written = (file: string) =>
    existsSync(path.join(authority, file)) && readFileSync(path.join(authority, file), 'utf8').includes('-----END');
  // The second Caddy starts once the first has stored its whole CA (the intermediate comes after
  // the root): Caddy creates a missing CA without a lock, so two started together could each make
  // one, and a site would then be signed by a root the other overwrote on disk.
  await startCaddy(httpsA, ports.nodeA, ports.webA);
  const deadline = Date.now() + 30_000;
  while (!['root.crt', 'root.key', 'intermediate.crt', 'intermediate.key'].every(written)) {
    if (Date.now() > deadline || caddies.some((caddy) => caddy.exitCode !== null))
      throw new Error(`Caddy did not start:\n${logs.flat().join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await startCaddy(httpsB, ports.nodeB, ports.webB);

  const stack = await startStack(ports, {
    peerUrls: { a: `https://localhost:${httpsA}`, b: `https://localhost:${httpsB}` },
    env: { NODE_EXTRA_CA_CERTS: rootCertificate },
  });
  return {
    httpsA: `https://localhost:${httpsA}`,
    httpsB: `https://localhost:${httpsB}`,
    ca: readFileSync(rootCertificate),
    // The proxies go first: their keep-alive connections would otherwise hold up the backends' graceful stop.
    stop: async () => {
      try {
        await Promise.all(caddies.map((caddy) => stopProcess(caddy)));
      } finally {
        await stack.stop();
        rmSync(caddyHome, { recursive: true, force: true });
      }
    },
  };
}
