import { Injectable, NotFoundException } from '@nestjs/common';
import { generatePassCode, PASS_CODE_LIFETIME_SECONDS } from '@openmsg/core';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { PassCodesRepository } from './passcodes.repository';

export type PassCodeCheck = { ok: true } | { ok: false; reason: 'not_valid' | 'expired' };

const UNIQUE_VIOLATION = 'P2002';

@Injectable()
export class PassCodesService {
  constructor(
    private readonly passCodes: PassCodesRepository,
    private readonly keys: NodeKeysService,
  ) {}

  /** The code itself is returned only here, once; the database keeps a keyed digest. */
  async create(accountId: string, note: string | null, now = new Date()) {
    const expiresAt = new Date(now.getTime() + PASS_CODE_LIFETIME_SECONDS * 1000);
    for (;;) {
      const code = generatePassCode();
      try {
        const row = await this.passCodes.create({ accountId, codeDigest: this.keys.passCodeDigest(code), note, expiresAt });
        return { id: row.id, code, note: row.note, createdAt: row.createdAt, expiresAt };
      } catch (error) {
        // The same user already holds this very code (one chance in 10^6 per open code): draw again.
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      }
    }
  }

  /** Spends a code: it is deleted before the caller does anything else, so it can never be used twice. */
  async spend(accountId: string, code: string, now = new Date()): Promise<PassCodeCheck> {
    const row = await this.passCodes.findByDigest(accountId, this.keys.passCodeDigest(code));
    if (!row) return { ok: false, reason: 'not_valid' };
    const deleted = await this.passCodes.deleteOnce(row.id);
    if (!deleted) return { ok: false, reason: 'not_valid' };
    if (row.expiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: true };
  }

  listOpen(accountId: string, now = new Date()) {
    return this.passCodes.listOpen(accountId, now);
  }

  async revoke(accountId: string, id: string): Promise<void> {
    if (!(await this.passCodes.revoke(accountId, id))) throw new NotFoundException('pass code not found');
  }

  purgeExpired(now = new Date()) {
    return this.passCodes.purgeExpired(now);
  }
}
