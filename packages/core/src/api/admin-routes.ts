import {
  adminAccountsQuerySchema,
  auditExportQuerySchema,
  checkSelfRequestSchema,
  createInvitationRequestSchema,
  storageQuerySchema,
  type AdminAccount,
  type AdminAuditView,
  type AdminInvitation,
  type AdminOverview,
  type CreatedInvitation,
  type DomainQueue,
  type FailingPeer,
  type ResetPasswordResult,
  type RetryDomainResult,
  type SelfCheckReport,
  type StorageUsage,
} from './admin';
import { z } from 'zod';
import { normalizeDomain } from '../address';
import { addressIdField } from '../wire/fields';
import { idParams, pageQuerySchema, type Page } from './common';
import { defineRoute } from './route';

/** An account is named by its number in the admin routes. */
const accountParams = z.object({ addressId: addressIdField });
/** A peer node by its domain. */
const domainParams = z.object({
  domain: z
    .string()
    .max(253)
    .refine((domain) => normalizeDomain(domain) !== null, 'must be a domain name'),
});

/**
 * The admin console's routes (part of apiRoutes). Each is `admin: true`: the node answers it only
 * for an account with the admin role, and 404 to everyone else, signed in or not. Accounts are
 * named by their number (`addressId`).
 */
export const adminRoutes = {
  adminOverview: defineRoute<AdminOverview>()({
    method: 'GET',
    path: '/admin/overview',
    admin: true,
    summary: 'Admin: registration mode and counts of accounts and deliveries',
  }),
  adminAccounts: defineRoute<Page<AdminAccount>>()({
    method: 'GET',
    path: '/admin/accounts',
    query: adminAccountsQuerySchema,
    admin: true,
    errors: ['bad_cursor'],
    summary: 'Admin: accounts by number, or found by number or name',
  }),
  adminDisableAccount: defineRoute<AdminAccount>()({
    method: 'POST',
    path: '/admin/accounts/:addressId/disable',
    params: accountParams,
    status: 200,
    admin: true,
    errors: ['own_account', 'last_admin'],
    summary: "Admin: refuses the account's sign-ins, tokens and incoming messages; signs it out",
  }),
  adminEnableAccount: defineRoute<AdminAccount>()({
    method: 'POST',
    path: '/admin/accounts/:addressId/enable',
    params: accountParams,
    status: 200,
    admin: true,
    summary: 'Admin: undoes disable',
  }),
  adminResetPassword: defineRoute<ResetPasswordResult>()({
    method: 'POST',
    path: '/admin/accounts/:addressId/reset-password',
    params: accountParams,
    status: 200,
    admin: true,
    errors: ['own_account'],
    summary: 'Admin: a new random password, in this answer only; signs the account out and revokes its tokens',
  }),
  adminDeleteAccount: defineRoute<void>()({
    method: 'DELETE',
    path: '/admin/accounts/:addressId',
    params: accountParams,
    admin: true,
    errors: ['own_account', 'last_admin'],
    summary: 'Admin: deletes the account as its owner can; its number stays reserved',
  }),
  adminInvitations: defineRoute<{ items: AdminInvitation[] }>()({
    method: 'GET',
    path: '/admin/invitations',
    admin: true,
    summary: 'Admin: sign-up invitations, newest first',
  }),
  adminCreateInvitation: defineRoute<CreatedInvitation>()({
    method: 'POST',
    path: '/admin/invitations',
    body: createInvitationRequestSchema,
    admin: true,
    summary: 'Admin: a single-use sign-up code, in this answer only',
  }),
  adminRevokeInvitation: defineRoute<void>()({
    method: 'DELETE',
    path: '/admin/invitations/:id',
    params: idParams,
    admin: true,
    summary: 'Admin: deletes an invitation',
  }),
  adminDeliveryQueue: defineRoute<{ items: DomainQueue[] }>()({
    method: 'GET',
    path: '/admin/delivery',
    admin: true,
    summary: 'Admin: undelivered outgoing messages per peer domain',
  }),
  adminRetryDomain: defineRoute<RetryDomainResult>()({
    method: 'POST',
    path: '/admin/delivery/:domain/retry',
    params: domainParams,
    status: 200,
    admin: true,
    summary: 'Admin: retries every failed message to the domain and makes its waiting ones due now',
  }),
  adminFailingPeers: defineRoute<{ items: FailingPeer[] }>()({
    method: 'GET',
    path: '/admin/peers',
    admin: true,
    summary: 'Admin: peer domains by their last delivery failure',
  }),
  adminStorage: defineRoute<StorageUsage>()({
    method: 'GET',
    path: '/admin/storage',
    query: storageQuerySchema,
    admin: true,
    summary: 'Admin: bytes stored per account',
  }),
  adminCheckSelf: defineRoute<SelfCheckReport>()({
    method: 'POST',
    path: '/admin/check-self',
    body: checkSelfRequestSchema,
    status: 200,
    admin: true,
    summary: "Admin: runs the conformance checker on this node's endpoints as peers see them",
  }),
  adminAudit: defineRoute<Page<AdminAuditView>>()({
    method: 'GET',
    path: '/admin/audit',
    query: pageQuerySchema,
    admin: true,
    errors: ['bad_cursor'],
    summary: 'Admin: the audit log of admin actions, newest first',
  }),
  adminAuditExport: defineRoute<void>()({
    method: 'GET',
    path: '/admin/audit/export',
    query: auditExportQuerySchema,
    admin: true,
    stream: true,
    summary: 'Admin: downloads the whole audit log as CSV or JSON',
  }),
} as const;
