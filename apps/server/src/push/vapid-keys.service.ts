import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NodeSettingsRepository } from '../node-keys/node-settings.repository';
import { webPush } from './web-push-library';

const STORED_KEYS = 'push_vapid_keys';

export interface VapidKeys {
  /** The uncompressed P-256 point (65 bytes), base64url: what browsers take as applicationServerKey. */
  publicKey: string;
  /** The 32-byte private scalar, base64url. */
  privateKey: string;
}

/**
 * The node's VAPID key pair (RFC 8292), which signs every push request: the operator's
 * (OPENMSG_PUSH_VAPID_*), or generated at the first start and kept in the database like the node's
 * own secret, so every replica and every restart signs with the same key (a new key would orphan
 * every browser's subscription).
 */
@Injectable()
export class VapidKeysService implements OnModuleInit {
  private keys: VapidKeys | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: NodeSettingsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.push.enabled) return;
    if (this.config.push.vapidKeys) {
      this.keys = this.config.push.vapidKeys;
      return;
    }
    const stored = await this.settings.keepFirst(STORED_KEYS, () => JSON.stringify(webPush().generateVAPIDKeys()));
    this.keys = JSON.parse(stored) as VapidKeys;
  }

  /** Null while push is switched off. */
  get current(): VapidKeys | null {
    return this.keys;
  }
}
