import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for a browser's push service: it takes the node's encrypted POST (RFC 8030), decrypts
 * it as the browser would (RFC 8291, aes128gcm) with the keys the test made for its subscription, and hands
 * the plaintext on (to the service worker, through the DevTools protocol). The node allows its http://
 * endpoint only with OPENMSG_ALLOW_PRIVATE_PEERS, as in the e2e stack.
 */
export class PushServiceStandIn {
  private readonly ecdh = createECDH('prime256v1');
  private readonly auth = randomBytes(16);
  readonly received: { ttl: string | null; authorization: string | null; plaintext: string }[] = [];
  private server: Server | null = null;
  private port = 0;

  constructor(private readonly onMessage: (plaintext: string) => Promise<void>) {
    this.ecdh.generateKeys();
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let plaintext: string;
        try {
          plaintext = this.decrypt(Buffer.concat(chunks));
        } catch (error) {
          response.writeHead(400).end(String(error));
          return;
        }
        this.received.push({
          ttl: request.headers.ttl?.toString() ?? null,
          authorization: request.headers.authorization ?? null,
          plaintext,
        });
        this.onMessage(plaintext).then(
          () => response.writeHead(201).end(),
          (error: unknown) => response.writeHead(500).end(String(error)),
        );
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** What the browser would send the node (`PushSubscription.toJSON()`). */
  subscription() {
    return {
      endpoint: `http://127.0.0.1:${this.port}/push/${randomBytes(8).toString('hex')}`,
      expirationTime: null,
      keys: { p256dh: this.ecdh.getPublicKey('base64url'), auth: this.auth.toString('base64url') },
    };
  }

  /** RFC 8291 §3-4 with RFC 8188's aes128gcm record: one record, padding delimiter 2. */
  private decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const idLength = body.readUInt8(20);
    const senderKey = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    const shared = this.ecdh.computeSecret(senderKey);
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), this.ecdh.getPublicKey(), senderKey]);
    const ikm = Buffer.from(hkdfSync('sha256', shared, this.auth, keyInfo, 32));
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end -= 1;
    if (padded[end] !== 2) throw new Error('no final-record delimiter');
    return padded.subarray(0, end).toString('utf8');
  }
}
