import { z } from 'zod';
import type { Account, AdminAuditEntry, Invitation, PeerFailure } from './generated/models';
import type { IsoDate, ViewOf } from './common';

/** The roles an account can have; `admin` opens the admin console (granted with the admin CLI's grant-admin). */
export const ACCOUNT_ROLES = ['user', 'admin'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** GET /api/v1/admin/accounts: `q` finds accounts whose number starts with it or whose name contains it (case ignored). */
export const adminAccountsQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type AdminAccountsQuery = z.input<typeof adminAccountsQuerySchema>;

/** An account as the admin console lists it (deleted accounts, kept only as tombstones, are not listed). */
export interface AdminAccount extends ViewOf<Account, 'id' | 'addressId' | 'displayName' | 'disabledAt' | 'createdAt'> {
  address: string;
  role: AccountRole;
}

/** POST /api/v1/admin/accounts/:addressId/reset-password: the new password is in this answer only. */
export interface ResetPasswordResult {
  address: string;
  password: string;
  /** Personal access tokens the reset revoked (every session is signed out too). */
  revokedTokens: number;
}

/** How people sign up on this node (OPENMSG_REGISTRATION), and how the operator changes it. */
export interface RegistrationInfo {
  mode: 'open' | 'closed' | 'invite';
  /** Set in the node's environment and read at start: the console shows it, the operator changes it there. */
  howToChange: string;
}

/** GET /api/v1/admin/overview */
export interface AdminOverview {
  domain: string;
  registration: RegistrationInfo;
  accounts: { active: number; disabled: number; admins: number };
  delivery: { waiting: number; failed: number };
}

export interface AdminInvitation extends ViewOf<Invitation, 'id' | 'note' | 'createdAt' | 'expiresAt' | 'usedAt'> {}

/** POST /api/v1/admin/invitations */
export const createInvitationRequestSchema = z.object({
  note: z.string().trim().max(200).optional(),
  days: z.number().int().min(1).max(365).optional(),
});
export type CreateInvitationRequest = z.input<typeof createInvitationRequestSchema>;

/** The code is in this answer only. */
export interface CreatedInvitation {
  code: string;
  expiresAt: IsoDate;
}

/** Outgoing messages to one peer domain that are not delivered yet. */
export interface DomainQueue {
  domain: string;
  /** Queued or being sent. */
  waiting: number;
  failed: number;
  /** When the oldest waiting message was written; null when none waits. */
  oldestWaitingAt: IsoDate | null;
}

/** POST /api/v1/admin/delivery/:domain/retry */
export interface RetryDomainResult {
  domain: string;
  /** Failed messages put back in the queue (attempts and deadline start again, as a user's own retry). */
  requeued: number;
  /** Queued messages waiting for their next attempt that were made due now. */
  dueNow: number;
}

/** A peer domain whose last delivery attempt failed, with what waits for it now. */
export interface FailingPeer extends ViewOf<PeerFailure, 'domain' | 'failureCode' | 'failureReason' | 'failedAt'> {
  waiting: number;
  failed: number;
}

/** Bytes this node stores for one account; one field per kind of data (files join messages here). */
export interface AccountStorage {
  address: string;
  displayName: string;
  bytes: { messages: number };
  totalBytes: number;
}

export const storageQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
export type StorageQuery = z.input<typeof storageQuerySchema>;

export interface StorageUsage {
  /** The accounts storing the most, largest first. */
  items: AccountStorage[];
  /** Over every account. */
  totalBytes: number;
}

/** POST /api/v1/admin/check-self */
export const checkSelfRequestSchema = z.object({ timeoutSeconds: z.number().int().min(1).max(120).default(30) });
export type CheckSelfRequest = z.input<typeof checkSelfRequestSchema>;

/** INFO: what the node does where the protocol leaves a choice (an optional extension off): never a failure. */
export type SelfCheckStatus = 'PASS' | 'WARN' | 'FAIL' | 'INFO' | 'SKIP';

/** The conformance checker's report on this node as peers see it (the CLI's check-self). */
export interface SelfCheckReport {
  target: string;
  startedAt: IsoDate;
  durationMs: number;
  checks: Array<{
    id: string;
    title: string;
    section: string;
    status: SelfCheckStatus;
    sent: string;
    received: string;
    expected: string;
  }>;
  summary: Record<SelfCheckStatus, number>;
}

export interface AdminAuditView extends ViewOf<
  AdminAuditEntry,
  'id' | 'actor' | 'action' | 'target' | 'detail' | 'createdAt'
> {}

/** GET /api/v1/admin/audit/export */
export const auditExportQuerySchema = z.object({ format: z.enum(['csv', 'json']).default('json') });
export type AuditExportQuery = z.input<typeof auditExportQuerySchema>;

/** What an audit entry records; `role.*` come from the admin CLI. */
export const ADMIN_ACTIONS = [
  'account.disable',
  'account.enable',
  'account.reset_password',
  'account.delete',
  'invitation.create',
  'invitation.revoke',
  'delivery.retry_domain',
  'node.check_self',
  'role.grant',
  'role.revoke',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];
