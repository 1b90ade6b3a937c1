import { Injectable } from '@nestjs/common';
import { generatePassCode, PASS_CODE_LIFETIME_SECONDS } from '@openmsg/core';
import type { CreatedPassCode, PassCodeList, PassCodeView } from '@openmsg/core';
import { AccountsService } from '../accounts/accounts.service';
import { isUniqueViolation } from '../database/unique-violation';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { AuthFailuresRepository } from './auth-failures.repository';
import { PassCodesRepository } from './passcodes.repository';
import { ApiException } from '../http/api-error';

/** A spent code can be given back (the handshake it was spent on did not complete), once. */
export type PassCodeCheck =
  { ok: true; giveBack: () => Promise<void> } | { ok: false; reason: 'not_valid' | 'expired' };

const DAY_MS = 24 * 3600 * 1000;

interface Owner {
  id: string;
  addressId: string;
}

@Injectable()
export class PassCodesService {
  constructor(
    private readonly passCodes: PassCodesRepository,
    private readonly failures: AuthFailuresRepository,
    private readonly accounts: AccountsService,
    private readonly keys: NodeKeysService,
  ) {}

  /** The code itself is returned only here, once; the database keeps a keyed digest. */
  async create(owner: Owner, note: string | null, now = new Date()): Promise<CreatedPassCode> {
    const expiresAt = new Date(now.getTime() + PASS_CODE_LIFETIME_SECONDS * 1000);
    for (;;) {
      const code = generatePassCode();
      try {
        const row = await this.passCodes.create({
          accountId: owner.id,
          codeDigest: this.keys.passCodeDigest(code),
          note,
          expiresAt,
        });
        return { ...view(row), code, address: this.accounts.addressOf(owner) };
      } catch (error) {
        // The same user already holds this very code (one chance in 10^6 per open code): draw again.
        if (!isUniqueViolation(error)) throw error;
      }
    }
  }

  /**
   * Spends a code: it is deleted before the caller does anything else, so two handshakes racing on
   * it cannot both have it. If the handshake then fails on the initiator's side (its callback), the
   * caller gives the code back, unchanged: same row, same expiry.
   */
  async spend(accountId: string, code: string, now = new Date()): Promise<PassCodeCheck> {
    const row = await this.passCodes.findByDigest(accountId, this.keys.passCodeDigest(code));
    if (!row) return { ok: false, reason: 'not_valid' };
    const deleted = await this.passCodes.deleteOnce(row.id);
    if (!deleted) return { ok: false, reason: 'not_valid' };
    if (row.expiresAt <= now) return { ok: false, reason: 'expired' };
    let givenBack = false;
    const giveBack = async () => {
      if (givenBack) return;
      givenBack = true;
      await this.passCodes.restore(row);
    };
    return { ok: true, giveBack };
  }

  /** Open codes, and how many times someone tried a wrong or spent code on this user. */
  async listOpen(owner: Owner, now = new Date()): Promise<PassCodeList> {
    const [rows, lastDay, lastWeek] = await Promise.all([
      this.passCodes.listOpen(owner.id, now),
      this.failures.countForTarget(owner.addressId, new Date(now.getTime() - DAY_MS)),
      this.failures.countForTarget(owner.addressId, new Date(now.getTime() - 7 * DAY_MS)),
    ]);
    return { items: rows.map(view), failedAttempts: { lastDay, lastWeek } };
  }

  async revoke(accountId: string, id: string): Promise<void> {
    if (!(await this.passCodes.revoke(accountId, id))) throw new ApiException('not_found', 'pass code not found');
  }

  purgeExpired(now = new Date()) {
    return this.passCodes.purgeExpired(now);
  }
}

function view(row: { id: string; note: string | null; createdAt: Date; expiresAt: Date }): PassCodeView {
  return { id: row.id, note: row.note, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString() };
}
