import type { ApiResponseOptions } from '@nestjs/swagger';
import { API_ERRORS, type ApiErrorCode, type ApiRoute, type ApiRouteName, errorCodesOf } from '@openmsg/core';

/**
 * The answer type of each route, by the name of its TypeScript type in @openmsg/core/api (the
 * types are not zod schemas, so the OpenAPI document names them rather than spelling them out).
 * `items`: `{items: T[]}`; `page`: `Page<T>`; null: no body (204).
 */
type Answer =
  string | { items: string } | { page: string } | { stream: string } | { download: string; csv?: true } | null;

const ANSWERS: Record<ApiRouteName, Answer> = {
  nodeInfo: 'NodeInfo',
  register: 'Me',
  login: 'Me',
  logout: null,
  logoutEverywhere: null,
  me: 'Me',
  updateMe: 'Me',
  changePassword: 'ChangePasswordResponse',
  listTokens: { items: 'ApiTokenView' },
  createToken: 'CreatedApiToken',
  revokeToken: null,
  listPassCodes: 'PassCodeList',
  createPassCode: 'CreatedPassCode',
  revokePassCode: null,
  listContacts: { items: 'Contact' },
  connect: 'Contact',
  getContact: 'Contact',
  updateContact: 'Contact',
  deleteContact: null,
  listConversations: { page: 'Conversation' },
  getConversation: 'Conversation',
  conversationMessages: { page: 'MessageView' },
  markConversationRead: 'MarkReadResult',
  sendMessage: 'MessageView',
  pushKey: 'PushKey',
  pushSubscribe: 'PushSubscriptionView',
  pushUnsubscribe: null,
  pushSubscriptions: { items: 'PushSubscriptionView' },
  muteConversation: 'MuteResult',
  searchMessages: { page: 'MessageView' },
  getMessage: 'MessageView',
  retryMessage: 'MessageView',
  deleteMessage: null,
  events: { stream: 'StreamEvent' },
  exportMyData: { download: 'DataExport' },
  exportMyDataZip: { download: 'DataExport' },
  attachmentContent: { download: 'AttachmentView' },
  attachmentThumbnail: { download: 'AttachmentView' },
  storageUsage: 'FileQuotaUsage',
  sharedFile: 'SharedFileView',
  sharedFileContent: { download: 'SharedFileView' },
  deleteMe: null,
  searchContacts: { items: 'Contact' },
  adminOverview: 'AdminOverview',
  adminAccounts: { page: 'AdminAccount' },
  adminDisableAccount: 'AdminAccount',
  adminEnableAccount: 'AdminAccount',
  adminResetPassword: 'ResetPasswordResult',
  adminDeleteAccount: null,
  adminInvitations: { items: 'AdminInvitation' },
  adminCreateInvitation: 'CreatedInvitation',
  adminRevokeInvitation: null,
  adminDeliveryQueue: { items: 'DomainQueue' },
  adminRetryDomain: 'RetryDomainResult',
  adminFailingPeers: { items: 'FailingPeer' },
  adminStorage: 'StorageUsage',
  adminCheckSelf: 'SelfCheckReport',
  adminAudit: { page: 'AdminAuditView' },
  adminAuditExport: { download: 'AdminAuditView', csv: true },
};

/** Every type named above, for the document's components (each described as a type of @openmsg/core/api). */
export const ANSWER_TYPE_NAMES = [
  ...new Set(
    Object.values(ANSWERS).flatMap((answer) =>
      answer === null ? [] : [typeof answer === 'string' ? answer : Object.values(answer)[0]],
    ),
  ),
];

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export function successResponse(name: string, route: ApiRoute): ApiResponseOptions {
  const answer = ANSWERS[name as ApiRouteName];
  if (answer === null) return { status: route.status, description: 'done: no body' };
  if (typeof answer === 'string') return { status: route.status, description: answer, schema: ref(answer) };
  if ('download' in answer) {
    const json = { 'application/json': { schema: ref(answer.download) } };
    if (!answer.csv)
      return {
        status: route.status,
        description: `${answer.download} as a JSON file (attachment), streamed`,
        content: json,
      };
    const csv = {
      'text/csv': {
        schema: { type: 'string' as const, description: `one row per ${answer.download}, a header row first` },
      },
    };
    return {
      status: route.status,
      description: `${answer.download}s as a JSON or CSV file (attachment, ?format=), streamed`,
      content: { ...json, ...csv },
    };
  }
  if ('stream' in answer)
    return {
      status: route.status,
      description: `text/event-stream of ${answer.stream} (data: JSON)`,
      content: { 'text/event-stream': { schema: ref(answer.stream) } },
    };
  if ('items' in answer)
    return {
      status: route.status,
      description: `{items: ${answer.items}[]}`,
      schema: {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: ref(answer.items) } },
      },
    };
  return {
    status: route.status,
    description: `Page<${answer.page}>: pass nextCursor as ?cursor= for the next page`,
    schema: {
      type: 'object',
      required: ['items', 'nextCursor'],
      properties: { items: { type: 'array', items: ref(answer.page) }, nextCursor: { type: 'string', nullable: true } },
    },
  };
}

/** One response per HTTP status the route can fail with, listing its error codes (the `error` field) and their sentences. */
export function errorResponses(route: ApiRoute): ApiResponseOptions[] {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of errorCodesOf(route))
    byStatus.set(API_ERRORS[code].status, [...(byStatus.get(API_ERRORS[code].status) ?? []), code]);
  return [...byStatus].map(([status, codes]) => ({
    status,
    description: codes.map((code) => `\`${code}\`: ${API_ERRORS[code].message}`).join('; '),
    schema: {
      type: 'object',
      required: ['statusCode', 'error', 'message'],
      properties: {
        statusCode: { type: 'integer', enum: [status] },
        error: { type: 'string', enum: codes },
        message: { type: 'string', description: "the code's sentence, or a more specific one" },
        detail: { type: 'string', description: 'the technical cause, where there is one' },
        fields: { type: 'array', items: { type: 'string' }, description: 'the request fields at fault' },
      },
    },
  }));
}
