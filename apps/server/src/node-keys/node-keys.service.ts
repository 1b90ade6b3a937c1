import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { openMessage, sealMessage } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';

const GENERATED_SECRET_KEY = 'node_secret';
const AT_REST_PREFIX = 'enc1:';

/**
 * The node's own secrets: a key for pass-code digests (so a database dump does not show live
 * codes) and, when OPENMSG_NODE_KEY is configured, a key that encrypts message text at rest.
 * Without a configured key the digest key is generated once and kept in the database.
 */
@Injectable()
export class NodeKeysService implements OnModuleInit {
  private digestKey!: Buffer;
  private atRestKeyHex: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
  ) {}

  async onModuleInit(): Promise<void> {
    const root = this.config.nodeKey ? Buffer.from(this.config.nodeKey, 'hex') : await this.storedSecret();
    this.digestKey = derive(root, 'openmsg pass code digest');
    this.atRestKeyHex = this.config.nodeKey ? derive(root, 'openmsg message text at rest').toString('hex') : null;
  }

  passCodeDigest(code: string): string {
    return createHmac('sha256', this.digestKey).update(code).digest('hex');
  }

  /** A secret string (e.g. an access token) as stored: a keyed digest, never the value. */
  tokenDigest(token: string): string {
    return createHmac('sha256', this.digestKey).update(`token:${token}`).digest('hex');
  }

  sealBody(text: string): string {
    return this.atRestKeyHex ? AT_REST_PREFIX + sealMessage(text, this.atRestKeyHex).messagePackage : text;
  }

  openBody(stored: string): string {
    if (!stored.startsWith(AT_REST_PREFIX)) return stored;
    if (!this.atRestKeyHex) throw new Error('A message is encrypted at rest but OPENMSG_NODE_KEY is not configured');
    const opened = openMessage(stored.slice(AT_REST_PREFIX.length), this.atRestKeyHex);
    if (!opened.ok) throw new Error(`A message stored at rest could not be decrypted (${opened.reason}): wrong OPENMSG_NODE_KEY?`);
    return opened.text;
  }

  private async storedSecret(): Promise<Buffer> {
    const candidate = randomBytes(32).toString('hex');
    // Two replicas starting together must agree: the first insert wins and both read it back.
    await this.prisma.nodeSetting.upsert({ where: { key: GENERATED_SECRET_KEY }, create: { key: GENERATED_SECRET_KEY, value: candidate }, update: {} });
    const row = await this.prisma.nodeSetting.findUniqueOrThrow({ where: { key: GENERATED_SECRET_KEY } });
    return Buffer.from(row.value, 'hex');
  }
}

function derive(root: Buffer, purpose: string): Buffer {
  return createHmac('sha256', root).update(purpose).digest();
}
