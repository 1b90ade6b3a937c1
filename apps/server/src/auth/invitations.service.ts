import { Injectable } from '@nestjs/common';
import { toBase64Url } from '@openmsg/core';
import { randomBytes } from 'node:crypto';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { InvitationsRepository } from './invitations.repository';

const DEFAULT_LIFETIME_DAYS = 7;

/** Sign-up invitations for a node whose registration is by invitation; created by the operator's CLI. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly keys: NodeKeysService,
  ) {}

  async create(note: string | null, days = DEFAULT_LIFETIME_DAYS, now = new Date()) {
    const code = `inv_${toBase64Url(randomBytes(15))}`;
    const expiresAt = new Date(now.getTime() + days * 24 * 3600 * 1000);
    await this.invitations.create({ codeDigest: this.keys.tokenDigest(code), note, expiresAt });
    return { code, expiresAt };
  }

  spend(code: string, now = new Date()): Promise<boolean> {
    if (code.length > 100) return Promise.resolve(false);
    return this.invitations.spend(this.keys.tokenDigest(code), now);
  }

  /** Undoes a spend when the sign-up it was for failed afterwards. */
  async giveBack(code: string): Promise<void> {
    await this.invitations.giveBack(this.keys.tokenDigest(code));
  }

  purgeExpired(now = new Date()): Promise<number> {
    return this.invitations.purgeExpired(now);
  }
}
