import type { z } from 'zod';
import type { ResponseCode } from '../response-codes';
import { AUTH_REQUIRED_FIELDS, authRequestSchema, type AuthRequestBody, type AuthSuccessBody } from './auth';
import { AUTH_CONFIRM_REQUIRED_FIELDS, authConfirmRequestSchema, type AuthConfirmRequestBody } from './auth-confirm';
import {
  MESSAGE_CONFIRM_REQUIRED_FIELDS,
  messageConfirmRequestSchema,
  type MessageConfirmRequestBody,
} from './message-confirm';
import {
  MESSAGE_RECEIVE_REQUIRED_FIELDS,
  messageReceiveRequestSchema,
  type MessageReceiveRequestBody,
} from './message-receive';
import {
  type ErrorReply,
  errorReply,
  type MessageErrorReply,
  messageErrorReply,
  type MessageSuccessReply,
  type SuccessReply,
} from './replies';
import { parseWireBody, type WireParseResult } from './validate';

/** Every federation path starts with this; an endpoint's `name` follows it. */
export const FEDERATION_PREFIX = '/openmsg';
/** The reference's testing prefix, served like the standard one. */
export const FEDERATION_SANDBOX_PREFIX = '/openmsg/sandbox';

/**
 * One endpoint of the wire protocol (PROTOCOL.md "Transport"): `POST /openmsg/{name}/`, always
 * answered with HTTP 200 and one of the JSON shapes of `Answer` (an internal failure is HTTP 500).
 * `Sent` (what a node built here sends) and `Answer` are carried in the type only.
 */
export interface FederationEndpoint<
  Name extends string = string,
  Schema extends z.ZodType = z.ZodType,
  Sent = unknown,
  Answer = unknown,
> {
  readonly name: Name;
  /** Validates what arrives: lenient where PROTOCOL.md lists quirks, strict elsewhere. */
  readonly request: Schema;
  /** Fields whose absence (or null, or "") the answer calls "missing", as the reference does. */
  readonly requiredFields: readonly string[];
  /**
   * The `response_code`s the endpoint answers with: the message endpoints (PROTOCOL.md "Response
   * codes"). Empty for the handshake endpoints, which answer `success` or `error_message` only.
   */
  readonly responseCodes: readonly ResponseCode[];
  readonly summary: string;
  readonly sent?: Sent;
  readonly answer?: Answer;
}

function defineEndpoint<Sent, Answer>() {
  return <const Name extends string, Schema extends z.ZodType>(
    endpoint: Omit<FederationEndpoint<Name, Schema, Sent, Answer>, 'sent' | 'answer'>,
  ): FederationEndpoint<Name, Schema, Sent, Answer> => endpoint;
}

/**
 * The four endpoints other nodes call, each defined once: the server's federation controller
 * serves these paths, its endpoints service parses with these schemas and answers malformed bodies
 * as the table says, the peer client builds its URLs and typed bodies from it, and the conformance
 * checker probes every endpoint listed here. Keys are the endpoint names as PROTOCOL.md spells them.
 */
export const federationEndpoints = {
  auth: defineEndpoint<AuthRequestBody, AuthSuccessBody | ErrorReply>()({
    name: 'auth',
    request: authRequestSchema,
    requiredFields: AUTH_REQUIRED_FIELDS,
    responseCodes: [],
    summary: "The initiator's node asks the receiver's node to spend a pass code (PROTOCOL.md §2, step 2)",
  }),
  'auth-confirm': defineEndpoint<AuthConfirmRequestBody, SuccessReply | ErrorReply>()({
    name: 'auth-confirm',
    request: authConfirmRequestSchema,
    requiredFields: AUTH_CONFIRM_REQUIRED_FIELDS,
    responseCodes: [],
    summary: "The receiver's node checks the handshake came from the initiator's domain (PROTOCOL.md §2, step 4)",
  }),
  'message-receive': defineEndpoint<MessageReceiveRequestBody, MessageSuccessReply | MessageErrorReply>()({
    name: 'message-receive',
    request: messageReceiveRequestSchema,
    requiredFields: MESSAGE_RECEIVE_REQUIRED_FIELDS,
    responseCodes: [
      'SM_S888',
      'SM_E000',
      'SM_E001',
      'SM_E002',
      'SM_E003',
      'SM_E004',
      'SM_E005',
      'SM_E006',
      'SM_E007',
      'SM_E008',
      'SM_E009',
    ],
    summary: 'A sealed message for one of the node’s users (PROTOCOL.md §3, step 2)',
  }),
  'message-confirm': defineEndpoint<MessageConfirmRequestBody, SuccessReply | MessageErrorReply>()({
    name: 'message-confirm',
    request: messageConfirmRequestSchema,
    requiredFields: MESSAGE_CONFIRM_REQUIRED_FIELDS,
    responseCodes: ['SM_E000', 'SM_E003'],
    summary: "The receiver asks the sender's domain whether it really sent this message (PROTOCOL.md §3, step 4)",
  }),
} as const;

export type FederationEndpoints = typeof federationEndpoints;
export type FederationEndpointName = keyof FederationEndpoints;
export const FEDERATION_ENDPOINT_NAMES = Object.keys(federationEndpoints) as FederationEndpointName[];

/** What a node sends to the endpoint (the builders' shapes: `buildAuthRequest`, ...). */
export type FederationRequestBody<N extends FederationEndpointName> = NonNullable<FederationEndpoints[N]['sent']>;
/** What arrives at the endpoint once validated. */
export type FederationRequest<N extends FederationEndpointName> = z.output<FederationEndpoints[N]['request']>;
/** What the endpoint answers (HTTP 200). */
export type FederationAnswer<N extends FederationEndpointName> = NonNullable<FederationEndpoints[N]['answer']>;

/** Which spelling of the path: the standard one, or the variants a node also serves (and the conformance checker probes). */
export type FederationPathForm = 'standard' | 'no-slash' | 'sandbox';

/** `/openmsg/auth/` (the trailing slash a reference node needs), `/openmsg/auth`, or `/openmsg/sandbox/auth/`. */
export function federationPath(name: FederationEndpointName, form: FederationPathForm = 'standard'): string {
  if (form === 'sandbox') return `${FEDERATION_SANDBOX_PREFIX}/${name}/`;
  return form === 'no-slash' ? `${FEDERATION_PREFIX}/${name}` : `${FEDERATION_PREFIX}/${name}/`;
}

/** The endpoint named by the last segment of a path (`/openmsg/sandbox/auth` -> auth), or null. */
export function federationEndpointAt(path: string): FederationEndpointName | null {
  const name = path.replace(/\/+$/, '').split('/').pop() ?? '';
  return Object.prototype.hasOwnProperty.call(federationEndpoints, name) ? (name as FederationEndpointName) : null;
}

/** Validates an untrusted body with the endpoint's schema. */
export function parseFederationRequest<N extends FederationEndpointName>(
  name: N,
  body: unknown,
): WireParseResult<FederationRequest<N>> {
  const endpoint: FederationEndpoint = federationEndpoints[name];
  return parseWireBody(endpoint.request, endpoint.requiredFields, body) as WireParseResult<FederationRequest<N>>;
}

/**
 * The answer to a body that failed validation: the handshake endpoints answer `error_message`; the
 * message endpoints answer SM_E000, `message_data_missing` when a required field is missing.
 */
export function invalidRequestReply(
  name: FederationEndpointName,
  failure: Extract<WireParseResult<unknown>, { ok: false }>,
): ErrorReply | MessageErrorReply {
  if (federationEndpoints[name].responseCodes.length === 0) return errorReply(failure.message);
  return messageErrorReply(
    'SM_E000',
    failure.message,
    failure.missing.length > 0 ? 'message_data_missing' : 'unknown_error',
  );
}
