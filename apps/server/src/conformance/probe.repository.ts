import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/**
 * What the checker writes into this node's database so that the running node's own federation
 * endpoints answer the peer's callbacks for checker-made handshakes and messages: a throwaway
 * account, its pending handshakes (auth-confirm) and outbox entries under one placeholder message
 * (message-confirm). Deleting the account removes all of it (cascades).
 */
@Injectable()
export class ProbeRepository {
  constructor(private readonly prisma: PrismaService) {}

  createAccount(addressId: string, displayName: string) {
    return this.prisma.account.create({ data: { addressId, displayName, allowReplies: true, passwordHash: null } });
  }

  async isAddressIdTaken(addressId: string): Promise<boolean> {
    return (await this.prisma.account.count({ where: { addressId } })) > 0;
  }

  async addPendingHandshake(accountId: string, otherAddress: string, passcodeHash: string): Promise<string> {
    const row = await this.prisma.pendingHandshake.create({
      data: { accountId, otherAddress, passcodeHash, createdAt: new Date() },
    });
    return row.id;
  }

  /** False once the node's auth-confirm endpoint has consumed it (the peer called back with the right hash). */
  async pendingHandshakeExists(id: string): Promise<boolean> {
    return (await this.prisma.pendingHandshake.count({ where: { id } })) > 0;
  }

  removePendingHandshake(id: string) {
    return this.prisma.pendingHandshake.deleteMany({ where: { id } });
  }

  /** The message row the outbox entries hang on. Failed, so the delivery worker never picks it up. */
  async createPlaceholderMessage(accountId: string, otherAddress: string, body: string): Promise<string> {
    const row = await this.prisma.message.create({
      data: {
        accountId,
        otherAddress,
        direction: 'out',
        body,
        state: 'failed',
        failureCode: 'conformance_check',
        failureReason: 'made by the conformance checker',
      },
    });
    return row.id;
  }

  /** Makes the node's message-confirm vouch for this hash and nonce (once, within 60 s), as for a real attempt. */
  async addOutboxEntry(messageId: string, messageHash: string, messageNonce: string): Promise<void> {
    await this.prisma.outboxEntry.create({ data: { messageId, messageHash, messageNonce, createdAt: new Date() } });
  }

  async wasConfirmed(messageHash: string): Promise<boolean> {
    const row = await this.prisma.outboxEntry.findUnique({ where: { messageHash }, select: { confirmedAt: true } });
    return Boolean(row?.confirmedAt);
  }

  async removeAccount(accountId: string): Promise<void> {
    await this.prisma.account.deleteMany({ where: { id: accountId } });
  }
}
