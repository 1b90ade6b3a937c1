import { Inject, Injectable } from '@nestjs/common';
import { isSameDomain, parseAddress } from '@openmsg/core';
import type { loginRequestSchema, registerRequestSchema } from '@openmsg/core';
import type { z } from 'zod';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AccountsService } from '../accounts/accounts.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventBus } from '../events/event-bus';
import { InvitationsService } from './invitations.service';
import { LoginLimiter } from './login-limiter.service';
import { decoyHash, hashingQueue, hashPassword, verifyPassword } from './password-hasher';
import { RegistrationLimiter } from './registration-limiter.service';
import { SessionsService } from './sessions.service';
import { ApiException } from '../http/api-error';

/** Sign-up and sign-in: who may register, password checks, and the caps on guessing. */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly accountsRepository: AccountsRepository,
    private readonly invitations: InvitationsService,
    private readonly limiter: LoginLimiter,
    private readonly registrationLimiter: RegistrationLimiter,
    private readonly sessions: SessionsService,
    private readonly events: EventBus,
  ) {}

  async register(input: z.output<typeof registerRequestSchema>, source: string, userAgent: string | null) {
    const mode = this.config.accounts.registration;
    if (mode === 'closed') throw new ApiException('registration_closed');
    // A flood is refused before it costs a database write.
    hashingQueue.assertRoom('hash');
    if (input.addressId && (await this.accountsRepository.isAddressIdTaken(input.addressId))) {
      throw new ApiException('address_taken', `the number ${input.addressId} is taken: pick another or leave it empty`);
    }
    // Counted before the invitation is checked, so that the cap also bounds guessing invitation codes.
    const attempt = await this.registrationLimiter.reserve(source);
    if (!attempt) {
      throw new ApiException('too_many_sign_ups');
    }
    const invitation = mode === 'invite' ? input.invitationCode : undefined;
    if (mode === 'invite' && !(invitation && (await this.invitations.spend(invitation)))) {
      throw new ApiException('invitation_invalid');
    }
    try {
      const account = await this.accounts.create({
        addressId: input.addressId,
        displayName: input.displayName,
        passwordHash: await hashPassword(input.password),
      });
      return { account, session: await this.sessions.start(account.id, userAgent) };
    } catch (error) {
      if (invitation) await this.invitations.giveBack(invitation);
      await attempt.release();
      throw error;
    }
  }

  /** The same answer for an unknown account and a wrong password, after the same amount of work. */
  async login(input: z.output<typeof loginRequestSchema>, source: string, userAgent: string | null) {
    const addressId = this.addressIdOf(input.address);
    // Counted before the password is checked: a burst of concurrent guesses gets no more checks than the cap.
    const attempt = await this.limiter.reserve(addressId ?? input.address.slice(0, 64), source);
    if (!attempt) {
      this.events.emit({ type: 'login.refused', reason: 'rate_limited' });
      throw new ApiException('too_many_attempts', 'too many failed sign-ins: wait a few minutes and try again');
    }
    const account = addressId ? await this.accountsRepository.findActiveByAddressId(addressId) : null;
    let ok: boolean;
    try {
      ok = await verifyPassword(input.password, account?.passwordHash ?? (await decoyHash()));
    } catch (error) {
      await attempt.release();
      throw error;
    }
    if (!account || !account.passwordHash || !ok) {
      this.events.emit({ type: 'login.refused', reason: 'bad_credentials' });
      throw new ApiException('bad_credentials');
    }
    await attempt.succeeded();
    return { account, session: await this.sessions.start(account.id, userAgent) };
  }

  /** The user's own deletion (Settings): only with the account's password; a wrong one deletes nothing. */
  async deleteAccount(accountId: string, password: string): Promise<void> {
    const account = await this.accounts.findNotDeleted(accountId);
    if (!account.passwordHash || !(await verifyPassword(password, account.passwordHash))) {
      throw new ApiException('wrong_password', 'the password is wrong: nothing was deleted', { fields: ['password'] });
    }
    await this.accounts.delete(accountId);
  }

  /** `1234*this-domain` or just `1234`; null for an address on another node. */
  private addressIdOf(text: string): string | null {
    if (/^[0-9]{1,32}$/.test(text)) return text;
    const address = parseAddress(text);
    return address && isSameDomain(address.domain, this.config.domain) ? address.id : null;
  }
}
