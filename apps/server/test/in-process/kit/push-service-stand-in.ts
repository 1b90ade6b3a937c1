import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PushPayload } from '@openmsg/core';

/** A browser's side of one subscription: what it gives the node, and the private key it decrypts with. */
export interface StandInSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** One notification the stand-in took: decrypted and its VAPID header checked, or why not. */
export interface ReceivedPush {
  subscriptionId: string;
  payload: PushPayload | null;
  /** What was wrong with the request (encryption, VAPID, headers); null when everything checked out. */
  problem: string | null;
  ttl: number | null;
  status: number;
}

/** How the stand-in answers a subscription's next requests: a status each (the last repeats), or never (`hang`). */
type Behaviour = number | 'hang';

interface Held {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
  answers: Behaviour[];
}

/**
 * A push service (as FCM or Mozilla's autopush) on a loopback port, checking the node independently of the
 * web-push library the node uses: it decrypts each notification as a browser would (RFC 8291: ECDH with the
 * subscription's private key, HKDF with the auth secret, one aes128gcm record, RFC 8188) and checks the VAPID
 * header (RFC 8292: an ES256 JWT valid under the node's public key, aud the endpoint's origin, exp within 24 h,
 * a sub) against the key the node publishes at GET /push/key.
 */
export class PushServiceStandIn {
  readonly received: ReceivedPush[] = [];
  private readonly subscriptions = new Map<string, Held>();
  private readonly hanging = new Set<ServerResponse>();
  /** The node's VAPID public key (base64url), from GET /push/key: every request must be signed with it. */
  vapidPublicKey: string | null = null;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<PushServiceStandIn> {
    let standIn: PushServiceStandIn | null = null;
    const server = createServer((request, response) => void standIn?.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    standIn = new PushServiceStandIn(server, `http://127.0.0.1:${port}`);
    return standIn;
  }

  /** A new browser subscription; `answers` says what the push service answers its requests (201 by default). */
  subscribe(answers: Behaviour[] = [201]): StandInSubscription {
    const id = randomBytes(12).toString('hex');
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.subscriptions.set(id, { ecdh, auth, answers: [...answers] });
    return {
      id,
      endpoint: `${this.origin}/push/${id}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    };
  }

  /** Changes what a subscription's next requests are answered with. */
  answer(subscription: StandInSubscription, answers: Behaviour[]): void {
    this.subscriptions.get(subscription.id)!.answers = [...answers];
  }

  /** The notifications a subscription got (whatever was answered). */
  to(subscription: StandInSubscription): ReceivedPush[] {
    return this.received.filter((push) => push.subscriptionId === subscription.id);
  }

  /** Answers every request held open so far with `status`. */
  release(status: number): void {
    for (const response of this.hanging) response.writeHead(status).end();
    this.hanging.clear();
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const id = /^\/push\/([0-9a-f]+)$/.exec(request.url ?? '')?.[1];
    const held = id ? this.subscriptions.get(id) : undefined;
    if (!id || !held || request.method !== 'POST') {
      response.writeHead(404).end();
      return;
    }
    let payload: PushPayload | null = null;
    let problem: string | null = null;
    try {
      this.checkHeaders(request);
      this.checkVapid(request.headers.authorization);
      payload = JSON.parse(decrypt(body, held).toString('utf8')) as PushPayload;
    } catch (error) {
      problem = (error as Error).message;
    }
    const behaviour = held.answers.length > 1 ? held.answers.shift()! : (held.answers[0] ?? 201);
    const status = problem ? 400 : behaviour === 'hang' ? 0 : behaviour;
    const ttl = Number(request.headers.ttl);
    this.received.push({ subscriptionId: id, payload, problem, ttl: Number.isFinite(ttl) ? ttl : null, status });
    if (status === 0) {
      this.hanging.add(response);
      return;
    }
    response.writeHead(status).end();
  }

  private checkHeaders(request: IncomingMessage): void {
    if (request.headers['content-encoding'] !== 'aes128gcm')
      throw new Error(`Content-Encoding is ${request.headers['content-encoding']}`);
    if (!/^[0-9]+$/.test(String(request.headers.ttl ?? ''))) throw new Error('no TTL header');
  }

  private checkVapid(header: string | undefined): void {
    const match = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+), k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
    if (!match) throw new Error(`Authorization is not "vapid t=..., k=...": ${header}`);
    const [, jwt, key] = match as unknown as [string, string, string];
    if (key !== this.vapidPublicKey) throw new Error('k is not the node key');
    const [head, claims, signature] = jwt.split('.') as [string, string, string];
    const header64 = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
    if (header64.alg !== 'ES256') throw new Error(`alg is ${header64.alg}`);
    const point = Buffer.from(key, 'base64url');
    const publicKey = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
    const signed = Buffer.from(`${head}.${claims}`);
    if (!verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')))
      throw new Error('the JWT signature does not verify');
    const body = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as {
      aud?: string;
      exp?: number;
      sub?: string;
    };
    if (body.aud !== this.origin) throw new Error(`aud is ${body.aud}, not ${this.origin}`);
    const now = Date.now() / 1000;
    if (typeof body.exp !== 'number' || body.exp <= now || body.exp > now + 24 * 3600 + 60)
      throw new Error(`exp ${body.exp} is not within 24 h`);
    if (!body.sub || !/^(mailto:|https:)/.test(body.sub)) throw new Error(`sub is ${body.sub}`);
  }
}

/** RFC 8291 §3.4 and RFC 8188: one record, the sender's public key as the key id. */
function decrypt(body: Buffer, held: Held): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const senderKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`the key id is ${idLength} bytes, not a P-256 point`);
  if (record.length > recordSize) throw new Error('more than one record');
  const secret = held.ecdh.computeSecret(senderKey);
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), held.ecdh.getPublicKey(), senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', secret, held.auth, info, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record's padding: a 0x02 delimiter, then zeros.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end);
}
