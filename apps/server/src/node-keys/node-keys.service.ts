import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { openMessage, sealMessage } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NodeSettingsRepository } from './node-settings.repository';

const GENERATED_SECRET_KEY = 'node_secret';
const AT_REST_PREFIX = 'enc1:';
/** Opened secrets kept in memory, by their stored value: a message reads its connection's secrets again and again. */
const OPENED_SECRETS_KEPT = 30_000;

/**
 * The node's own secrets: a key for pass-code digests (so a database dump does not show live
 * codes) and, when OPENMSG_NODE_KEY is configured, keys that encrypt message text and the
 * connections' shared secrets at rest. Without a configured key the digest key is generated once
 * and kept in the database.
 */
@Injectable()
export class NodeKeysService implements OnModuleInit {
  private digestKey!: Buffer;
  private atRestKeyHex: string | null = null;
  private secretsKeyHex: string | null = null;
  private identDigestKey: Buffer | null = null;
  private readonly openedSecrets = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: NodeSettingsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const root = this.config.nodeKey ? Buffer.from(this.config.nodeKey, 'hex') : await this.storedSecret();
    this.digestKey = digestKeyOf(root);
    this.atRestKeyHex = this.config.nodeKey ? derive(root, 'openmsg message text at rest').toString('hex') : null;
    this.secretsKeyHex = this.config.nodeKey
      ? derive(root, 'openmsg connection secrets at rest').toString('hex')
      : null;
    this.identDigestKey = this.config.nodeKey ? derive(root, 'openmsg connection ident digest') : null;
  }

  /** Whether connection secrets are stored encrypted (OPENMSG_NODE_KEY is configured). */
  get sealsSecrets(): boolean {
    return this.secretsKeyHex !== null;
  }

  passCodeDigest(code: string): string {
    return createHmac('sha256', this.digestKey).update(code).digest('hex');
  }

  /** A secret string (e.g. an access token) as stored: a keyed digest, never the value. */
  tokenDigest(token: string): string {
    return tokenDigestWith(this.digestKey, token);
  }

  sealBody(text: string): string {
    return this.atRestKeyHex ? AT_REST_PREFIX + sealMessage(text, this.atRestKeyHex).messagePackage : text;
  }

  openBody(stored: string): string {
    if (!stored.startsWith(AT_REST_PREFIX)) return stored;
    if (!this.atRestKeyHex) throw new Error('A message is encrypted at rest but OPENMSG_NODE_KEY is not configured');
    const opened = openMessage(stored.slice(AT_REST_PREFIX.length), this.atRestKeyHex);
    if (!opened.ok)
      throw new Error(`A message stored at rest could not be decrypted (${opened.reason}): wrong OPENMSG_NODE_KEY?`);
    return opened.text;
  }

  /** A connection secret as stored: encrypted with a node key, as is without one. */
  sealSecret(secret: string): string {
    return this.secretsKeyHex ? AT_REST_PREFIX + sealMessage(secret, this.secretsKeyHex).messagePackage : secret;
  }

  /** A stored connection secret in clear; a value stored before the key was configured passes as is. */
  openSecret(stored: string): string {
    if (!stored.startsWith(AT_REST_PREFIX)) return stored;
    const kept = this.openedSecrets.get(stored);
    if (kept !== undefined) return kept;
    if (!this.secretsKeyHex)
      throw new Error('A connection secret is encrypted at rest but OPENMSG_NODE_KEY is not configured');
    const opened = openMessage(stored.slice(AT_REST_PREFIX.length), this.secretsKeyHex);
    if (!opened.ok)
      throw new Error(
        `A connection secret stored at rest could not be decrypted (${opened.reason}): wrong OPENMSG_NODE_KEY?`,
      );
    // Opening costs far more than the hop it serves (~0.1 ms of pure-JS XSalsa20 per value); a stored value never changes meaning.
    if (this.openedSecrets.size >= OPENED_SECRETS_KEPT)
      this.openedSecrets.delete(this.openedSecrets.keys().next().value as string);
    this.openedSecrets.set(stored, opened.text);
    return opened.text;
  }

  /** A connection row (or part of one) read from the database, with its three secrets in clear. */
  openConnectionSecrets<T extends { authCode: string; identCode: string; messageCryptKey: string }>(row: T): T {
    return {
      ...row,
      authCode: this.openSecret(row.authCode),
      identCode: this.openSecret(row.identCode),
      messageCryptKey: this.openSecret(row.messageCryptKey),
    };
  }

  /**
   * With a node key, the keyed digest an ident code is looked up by (its ciphertext, randomly
   * nonced, cannot be); null without one, where the ident code itself is stored and looked up.
   */
  identDigest(identCode: string): string | null {
    return this.identDigestKey ? createHmac('sha256', this.identDigestKey).update(identCode).digest('hex') : null;
  }

  private async storedSecret(): Promise<Buffer> {
    const stored = await this.settings.keepFirst(GENERATED_SECRET_KEY, randomBytes(32).toString('hex'));
    return Buffer.from(stored, 'hex');
  }
}

/** The key of the node's digests, from its root secret (OPENMSG_NODE_KEY, or the generated `node_secret` setting). */
export function digestKeyOf(root: Buffer): Buffer {
  return derive(root, 'openmsg pass code digest');
}

/** An access token as stored; exported for the benches that seed thousands of signed-in accounts. */
export function tokenDigestWith(digestKey: Buffer, token: string): string {
  return createHmac('sha256', digestKey).update(`token:${token}`).digest('hex');
}

function derive(root: Buffer, purpose: string): Buffer {
  return createHmac('sha256', root).update(purpose).digest();
}
