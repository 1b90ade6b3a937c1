import {
  changePasswordRequestSchema,
  createTokenRequestSchema,
  loginRequestSchema,
  registerRequestSchema,
  updateProfileRequestSchema,
} from './account';
import type { ApiTokenView, ChangePasswordResponse, CreatedApiToken, Me } from './account';
import { idParam, idParams, pageQuerySchema, type Page } from './common';
import { z } from 'zod';
import { connectRequestSchema, updateContactRequestSchema, type Contact } from './contacts';
import type { Conversation, MarkReadResult } from './conversations';
import type { StreamEvent } from './events';
import { searchQuerySchema, sendMessageRequestSchema, type MessageView } from './messages';
import type { NodeInfo } from './node-info';
import { attachmentContentQuerySchema, type SharedFileView, type FileQuotaUsage } from './attachments';
import { createPassCodeRequestSchema, type CreatedPassCode, type PassCodeList } from './passcodes';
import { defineRoute, type ParamsSchema, type RouteInput, routeUrl } from './route';
import { adminRoutes } from './admin-routes';
import { pushRoutes } from './push-routes';
import { deleteAccountRequestSchema } from './account';
import { contactSearchQuerySchema } from './contacts';

const CONNECT_ERRORS = [
  'malformed_address',
  'malformed_pass_code',
  'self',
  'unreachable',
  'callback_failed',
  'refused',
  'bad_answer',
  'ident_conflict',
  'connect_in_progress',
  'too_many_attempts',
] as const;

const conversationParams = z.object({ conversationId: idParam });
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a link this node gave out') });

/**
 * The client API, each route defined once. The server's controllers are checked against this table
 * (apps/server/src/http/api-route.ts), the web inbox and the tests call routes from it, and the
 * OpenAPI document at /api/docs is made from it.
 */
export const apiRoutes = {
  nodeInfo: defineRoute<NodeInfo>()({
    method: 'GET',
    path: '/node',
    auth: false,
    summary: 'Public facts about this node, for the sign-up page and the composer',
  }),

  register: defineRoute<Me>()({
    method: 'POST',
    path: '/auth/register',
    body: registerRequestSchema,
    auth: false,
    errors: ['registration_closed', 'address_taken', 'too_many_sign_ups', 'invitation_invalid', 'busy'],
    summary: 'Creates an account and signs it in (session cookie)',
  }),
  login: defineRoute<Me>()({
    method: 'POST',
    path: '/auth/login',
    body: loginRequestSchema,
    status: 200,
    auth: false,
    errors: ['bad_credentials', 'too_many_attempts', 'busy'],
    summary: 'Signs in (session cookie)',
  }),
  logout: defineRoute<void>()({
    method: 'POST',
    path: '/auth/logout',
    status: 204,
    summary: 'Ends this browser session',
  }),
  logoutEverywhere: defineRoute<void>()({
    method: 'POST',
    path: '/auth/logout-everywhere',
    status: 204,
    summary: 'Ends every browser session of the account; access tokens stay valid',
  }),

  me: defineRoute<Me>()({ method: 'GET', path: '/me', summary: 'The signed-in account' }),
  updateMe: defineRoute<Me>()({
    method: 'PATCH',
    path: '/me',
    body: updateProfileRequestSchema,
    summary: 'Changes the display name or whether contacts may reply',
  }),
  changePassword: defineRoute<ChangePasswordResponse>()({
    method: 'POST',
    path: '/me/password',
    body: changePasswordRequestSchema,
    status: 200,
    errors: ['wrong_password', 'busy'],
    summary: 'Changes the password: other sessions are signed out and every access token is revoked',
  }),

  listTokens: defineRoute<{ items: ApiTokenView[] }>()({
    method: 'GET',
    path: '/tokens',
    summary: 'Personal access tokens',
  }),
  createToken: defineRoute<CreatedApiToken>()({
    method: 'POST',
    path: '/tokens',
    body: createTokenRequestSchema,
    summary: 'Creates an access token; the token is in this answer only',
  }),
  revokeToken: defineRoute<void>()({
    method: 'DELETE',
    path: '/tokens/:id',
    params: idParams,
    errors: ['not_found'],
    summary: 'Revokes an access token',
  }),

  listPassCodes: defineRoute<PassCodeList>()({
    method: 'GET',
    path: '/passcodes',
    summary: 'Open pass codes and failed attempts on this user',
  }),
  createPassCode: defineRoute<CreatedPassCode>()({
    method: 'POST',
    path: '/passcodes',
    body: createPassCodeRequestSchema,
    summary: 'Creates a one-time pass code; the code is in this answer only',
  }),
  revokePassCode: defineRoute<void>()({
    method: 'DELETE',
    path: '/passcodes/:id',
    params: idParams,
    errors: ['not_found'],
    summary: 'Revokes an open pass code',
  }),

  listContacts: defineRoute<{ items: Contact[] }>()({
    method: 'GET',
    path: '/contacts',
    summary: 'Contacts (connections made by handshakes)',
  }),
  connect: defineRoute<Contact>()({
    method: 'POST',
    path: '/contacts',
    body: connectRequestSchema,
    errors: CONNECT_ERRORS,
    summary: 'Connects to an address with the pass code its owner gave',
  }),
  getContact: defineRoute<Contact>()({
    method: 'GET',
    path: '/contacts/:id',
    params: idParams,
    errors: ['not_found'],
    summary: 'One contact',
  }),
  updateContact: defineRoute<Contact>()({
    method: 'PATCH',
    path: '/contacts/:id',
    params: idParams,
    body: updateContactRequestSchema,
    errors: ['not_found'],
    summary: 'Renames or blocks a contact',
  }),
  deleteContact: defineRoute<void>()({
    method: 'DELETE',
    path: '/contacts/:id',
    params: idParams,
    errors: ['not_found'],
    summary: 'Deletes a contact and its conversation',
  }),

  listConversations: defineRoute<Page<Conversation>>()({
    method: 'GET',
    path: '/conversations',
    query: pageQuerySchema,
    errors: ['bad_cursor'],
    summary: 'Conversations, most recent first',
  }),
  getConversation: defineRoute<Conversation>()({
    method: 'GET',
    path: '/conversations/:conversationId',
    params: conversationParams,
    errors: ['not_found'],
    summary: 'One conversation',
  }),
  conversationMessages: defineRoute<Page<MessageView>>()({
    method: 'GET',
    path: '/conversations/:conversationId/messages',
    params: conversationParams,
    query: pageQuerySchema,
    errors: ['not_found', 'bad_cursor'],
    summary: "A conversation's messages, newest first",
  }),
  markConversationRead: defineRoute<MarkReadResult>()({
    method: 'POST',
    path: '/conversations/:conversationId/read',
    params: conversationParams,
    status: 200,
    errors: ['not_found'],
    summary: 'Marks every received message of the conversation read',
  }),

  sendMessage: defineRoute<MessageView>()({
    method: 'POST',
    path: '/messages',
    body: sendMessageRequestSchema,
    errors: [
      'empty_message',
      'message_too_long',
      'not_connected',
      'no_replies',
      'too_many_attachments',
      'attachment_not_ready',
      'not_found',
      'files_disabled',
      'client_id_reused',
    ],
    summary:
      'Queues a message and answers at once; its state changes as delivery proceeds. With a clientId already used by this account for the same message, answers that message (no second one)',
  }),
  searchMessages: defineRoute<Page<MessageView>>()({
    method: 'GET',
    path: '/messages/search',
    query: searchQuerySchema,
    errors: ['bad_cursor'],
    summary: 'Messages whose text contains the words',
  }),
  getMessage: defineRoute<MessageView>()({
    method: 'GET',
    path: '/messages/:id',
    params: idParams,
    errors: ['not_found'],
    summary: 'One message',
  }),
  retryMessage: defineRoute<MessageView>()({
    method: 'POST',
    path: '/messages/:id/retry',
    params: idParams,
    status: 200,
    errors: ['not_found', 'not_failed'],
    summary: 'Queues a failed message again',
  }),
  deleteMessage: defineRoute<void>()({
    method: 'DELETE',
    path: '/messages/:id',
    params: idParams,
    errors: ['not_found'],
    summary: "Deletes this user's copy; a message still queued is not sent",
  }),

  attachmentContent: defineRoute<void>()({
    method: 'GET',
    path: '/attachments/:id/content',
    params: idParams,
    query: attachmentContentQuerySchema,
    stream: true,
    errors: ['not_found'],
    summary:
      "A file's bytes, opened and streamed: a download (Content-Disposition attachment, nosniff, a sandboxing CSP); inline only for images the node made a preview of",
  }),
  attachmentThumbnail: defineRoute<void>()({
    method: 'GET',
    path: '/attachments/:id/thumbnail',
    params: idParams,
    stream: true,
    errors: ['not_found'],
    summary: "An image's preview (WebP, made on this node)",
  }),
  storageUsage: defineRoute<FileQuotaUsage>()({
    method: 'GET',
    path: '/me/storage',
    summary: 'Bytes of files this account holds, and its quota',
  }),
  sharedFile: defineRoute<SharedFileView>()({
    method: 'GET',
    path: '/shared-files/:token',
    params: tokenParams,
    auth: false,
    errors: ['not_found', 'too_many_requests'],
    summary: 'A file sent as a link to a node without files-1: what the download page shows',
  }),
  sharedFileContent: defineRoute<void>()({
    method: 'GET',
    path: '/shared-files/:token/content',
    params: tokenParams,
    auth: false,
    stream: true,
    errors: ['not_found', 'too_many_requests'],
    summary: 'The file behind such a link, as a download',
  }),

  events: defineRoute<StreamEvent>()({
    method: 'GET',
    path: '/events',
    stream: true,
    summary: 'Server-Sent Events: new messages, delivery states, read marks and contact changes',
  }),

  exportMyData: defineRoute<void>()({
    method: 'GET',
    path: '/me/export',
    stream: true,
    summary: "Downloads the user's contacts and messages (opened texts) as one JSON file, streamed",
  }),
  exportMyDataZip: defineRoute<void>()({
    method: 'GET',
    path: '/me/export.zip',
    stream: true,
    summary: 'The same JSON and every file of the account in one zip, streamed',
  }),
  deleteMe: defineRoute<void>()({
    method: 'POST',
    path: '/me/delete',
    body: deleteAccountRequestSchema,
    status: 204,
    errors: ['wrong_password', 'busy'],
    summary:
      'Deletes the account (with its password): sessions, tokens, pass codes, contacts and messages; the address stays reserved',
  }),
  searchContacts: defineRoute<{ items: Contact[] }>()({
    method: 'GET',
    path: '/contacts/search',
    query: contactSearchQuerySchema,
    summary: 'Contacts whose name or address contains the words, case and accents ignored',
  }),

  ...adminRoutes,
  ...pushRoutes,
} as const;

export type ApiRoutes = typeof apiRoutes;
export type ApiRouteName = keyof ApiRoutes;

/** What a caller passes for the route named `N` (path parameters, body, query), optional when the route needs none. */
export type RouteInputArgs<N extends ApiRouteName, Extra extends unknown[] = []> =
  object extends RouteInput<ApiRoutes[N]>
    ? [input?: RouteInput<ApiRoutes[N]>, ...extra: Extra]
    : [input: RouteInput<ApiRoutes[N]>, ...extra: Extra];

/** What the path of the route named `N` needs: its parameters (if any) and its query (optional). */
type RoutePathArgs<N extends ApiRouteName> = ApiRoutes[N]['params'] extends ParamsSchema
  ? [input: { params: z.input<ApiRoutes[N]['params']>; query?: QueryInput<N> }]
  : [input?: { query?: QueryInput<N> }];
type QueryInput<N extends ApiRouteName> = ApiRoutes[N]['query'] extends z.ZodType
  ? z.input<ApiRoutes[N]['query']>
  : never;

/** The path of a route by name, its parameters and query typed from the contract: `apiPath('getMessage', { params: { id } })`. */
export function apiPath<N extends ApiRouteName>(name: N, ...[input]: RoutePathArgs<N>): string {
  const { params, query } = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown> };
  return routeUrl(apiRoutes[name], { params, query });
}
