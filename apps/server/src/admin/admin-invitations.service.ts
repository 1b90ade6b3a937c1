import { Injectable } from '@nestjs/common';
import type { AdminInvitation, CreatedInvitation } from '@openmsg/core';
import { InvitationsService } from '../auth/invitations.service';
import { ApiException } from '../http/api-error';
import { AdminInvitationsRepository } from './admin-invitations.repository';
import { type AdminActor, AuditLogService } from './audit-log.service';

/** Sign-up invitations from the console: made by the same service as the CLI's create-invite. */
@Injectable()
export class AdminInvitationsService {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly repository: AdminInvitationsRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<AdminInvitation[]> {
    return (await this.repository.list()).map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      usedAt: row.usedAt?.toISOString() ?? null,
    }));
  }

  async create(actor: AdminActor, note: string | undefined, days: number | undefined): Promise<CreatedInvitation> {
    const { code, expiresAt } = await this.invitations.create(note || null, days);
    await this.audit.record(actor, 'invitation.create', null, {
      note: note || null,
      expiresAt: expiresAt.toISOString(),
    });
    return { code, expiresAt: expiresAt.toISOString() };
  }

  async revoke(actor: AdminActor, id: string): Promise<void> {
    if (!(await this.repository.revoke(id))) throw new ApiException('not_found', 'no such invitation');
    await this.audit.record(actor, 'invitation.revoke', id);
  }
}
