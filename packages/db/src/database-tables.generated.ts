import type { ColumnType } from 'kysely';
export type Generated<T> =
  T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type Account = {
  id: string;
  /**
   * The digits before `*` in the address; the node serves one domain.
   */
  addressId: string;
  displayName: string;
  allowReplies: Generated<boolean>;
  passwordHash: string | null;
  disabledAt: Date | null;
  /**
   * The user deleted the account: the row stays as a tombstone so the address is never given out again.
   */
  deletedAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Date;
  /**
   * "user", or "admin": the admin console (apps/server/src/admin), granted with the admin CLI's grant-admin.
   */
  role: Generated<string>;
};
export type AdminAuditEntry = {
  id: string;
  /**
   * Who: the admin's account id, or null for the operator's command line.
   */
  actorId: string | null;
  /**
   * Who, readable after the account is gone: the admin's address, or "admin CLI".
   */
  actor: string;
  /**
   * What: account.disable, account.enable, account.reset_password, account.delete, invitation.create, ...
   */
  action: string;
  /**
   * On what: an address, an invitation id, a peer domain; null when the action has no target.
   */
  target: string | null;
  /**
   * What came of it (JSON, never a secret): a count, a note.
   */
  detail: string | null;
  createdAt: Generated<Date>;
};
export type ApiToken = {
  id: string;
  accountId: string;
  name: string;
  /**
   * Keyed digest of the token; the token itself is shown once and never stored.
   */
  tokenDigest: string;
  createdAt: Generated<Date>;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};
export type Attachment = {
  id: string;
  accountId: string;
  /**
   * Null while an upload waits for the message it will go with.
   */
  messageId: string | null;
  /**
   * Its place among the message's files.
   */
  position: Generated<number>;
  name: string;
  contentType: string;
  /**
   * Plaintext bytes: declared at the upload's start (out) or by the sender's manifest (in).
   */
  size: number;
  /**
   * Plaintext bytes held so far: the upload's progress (out) or the fetch's (in); equals size when whole.
   */
  storedBytes: Generated<number>;
  /**
   * SHA-256 (hex) of the plaintext: computed when the upload ends (out), from the manifest (in).
   */
  sha256: string | null;
  /**
   * The file's 32-byte ChaCha20-Poly1305 key (hex); "enc1:..." when sealed with OPENMSG_NODE_KEY.
   */
  fileKey: string;
  chunkSize: number;
  /**
   * out: "uploading", "ready" (uploaded), "delivered" (the receiver's stored receipt), "refused" (its refused receipt);
   * in: "fetching", "stored" (whole, hash verified), "refused" (not taken: failureCode says why).
   */
  state: string;
  failureCode: string | null;
  /**
   * in: the sender's id of this file (the manifest's id), what a fetch and a receipt name.
   */
  remoteId: string | null;
  /**
   * out: how many chunks the other node has fetched (the sender's progress bar).
   */
  servedChunks: Generated<number>;
  /**
   * Bytes this file holds against its account's and the node's quota (FileStorageUsage): the declared size from
   * the upload's start (out) or from the reservation before the first fetched byte (in); 0 before. A delete frees
   * exactly this, in the same write.
   */
  reservedBytes: Generated<number>;
  /**
   * Images whose preview this node made: their size in pixels.
   */
  width: number | null;
  height: number | null;
  /**
   * A preview made on this node (WebP, sealed with the file's key), for images.
   */
  thumbnail: Buffer | null;
  /**
   * The uploader kept the image's location metadata (stripped otherwise).
   */
  keepLocation: Generated<boolean>;
  /**
   * in: the fetch queue, as Message is the delivery queue: attempts, back-off, the lease of the worker fetching it.
   */
  attempts: Generated<number>;
  nextAttemptAt: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  /**
   * in: the receipt ("stored" or "refused") not yet answered by the sender's node.
   */
  receiptPending: Generated<boolean>;
  createdAt: Generated<Date>;
  completedAt: Date | null;
};
export type AttachmentChunk = {
  attachmentId: string;
  index: number;
  data: Buffer;
};
export type AuthFailure = {
  id: string;
  targetAddressId: string;
  source: string;
  reason: string;
  createdAt: Generated<Date>;
};
export type CappedAttempt = {
  id: string;
  /**
   * What is capped: `registration` or `outgoing-handshake`.
   */
  scope: string;
  /**
   * Whom it counts against within the scope: a client address, an account id.
   */
  key: string;
  createdAt: Generated<Date>;
};
export type Connection = {
  id: string;
  accountId: string;
  otherAddress: string;
  otherName: string | null;
  /**
   * What the user calls this contact locally (overrides otherName in their views).
   */
  localName: string | null;
  otherAcceptsMessages: boolean;
  /**
   * This user refuses messages from the other (answered with SM_E002).
   */
  blocked: Generated<boolean>;
  /**
   * The three secrets of the handshake: with OPENMSG_NODE_KEY, encrypted at rest (`enc1:` values).
   */
  authCode: string;
  identCode: string;
  messageCryptKey: string;
  /**
   * With OPENMSG_NODE_KEY, a keyed digest of the ident code: an incoming message finds its connection by it.
   */
  identDigest: string | null;
  /**
   * A message was refused with SM_E001: the other side no longer knows this connection (they deleted it). A new handshake clears it.
   */
  peerForgotAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Date;
};
export type Conversation = {
  id: string;
  accountId: string;
  connectionId: string;
  createdAt: Generated<Date>;
  /**
   * The newest message (no foreign key: the delete that removes it moves this to the next newest).
   */
  lastMessageId: string | null;
  /**
   * When the newest message was made, or the conversation while it has none: the list's order.
   */
  lastActivityAt: Generated<Date>;
  /**
   * Incoming messages not read yet.
   */
  unreadCount: Generated<number>;
  /**
   * No push notifications for this conversation (apps/server/src/push).
   */
  muted: Generated<boolean>;
};
export type FileLink = {
  /**
   * SHA-256 (hex) of the token; the token itself is only in the message sent.
   */
  tokenHash: string;
  /**
   * The token, sealed with OPENMSG_NODE_KEY when one is configured ("enc1:..."): every attempt of the message
   * that carries the link must send the same text (the same nonce may never seal another text).
   */
  token: string;
  attachmentId: string;
  expiresAt: Date;
  createdAt: Generated<Date>;
};
export type FileStorageUsage = {
  key: string;
  bytes: Generated<number>;
};
export type Invitation = {
  id: string;
  codeDigest: string;
  note: string | null;
  createdAt: Generated<Date>;
  expiresAt: Date;
  usedAt: Date | null;
};
export type LoginFailure = {
  id: string;
  addressId: string;
  source: string;
  createdAt: Generated<Date>;
};
export type Message = {
  /**
   * Time-ordered (UUIDv7), as OutboxEntry's: a new row goes to the end of the primary-key index
   * instead of a random page, so the writes of a busy moment share pages.
   */
  id: string;
  accountId: string;
  connectionId: string | null;
  otherAddress: string;
  /**
   * "in" or "out"
   */
  direction: string;
  /**
   * The text, or "enc1:..." when encrypted at rest with the node key.
   */
  body: string;
  /**
   * "received", or for outgoing: "queued", "sending", "delivered", "failed"
   */
  state: string;
  failureCode: string | null;
  failureReason: string | null;
  attempts: Generated<number>;
  nextAttemptAt: Date | null;
  /**
   * After this, an outgoing message stops being retried.
   */
  deliverBy: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  createdAt: Generated<Date>;
  deliveredAt: Date | null;
  readAt: Date | null;
  /**
   * Toward a node without files-1 one message may go as several v1.0 messages (a long letter's parts, then its
   * files' links, docs/extensions/files.md §6): how many of them the receiver has accepted, sent in order.
   */
  partsSent: Generated<number>;
  /**
   * Chosen by the client for an outgoing message it means to send once (the web inbox's outbox, a retry after a
   * lost answer): the same account sending it again gets this message back instead of a second one.
   */
  clientId: string | null;
};
export type NodeSetting = {
  key: string;
  value: string;
};
export type OutboxEntry = {
  id: string;
  messageId: string;
  messageHash: string;
  messageNonce: string;
  createdAt: Generated<Date>;
  confirmedAt: Date | null;
};
export type PassCode = {
  id: string;
  accountId: string;
  /**
   * Keyed digest of the 6 digits, so a database dump does not show live codes.
   */
  codeDigest: string;
  note: string | null;
  createdAt: Generated<Date>;
  expiresAt: Date;
};
export type PeerExtensions = {
  domain: string;
  /**
   * The announcement as JSON; "{}" when its last success answer carried none (a v1.0 node).
   */
  extensions: string;
  seenAt: Date;
};
export type PeerFailure = {
  domain: string;
  failureCode: string;
  failureReason: string | null;
  failedAt: Date;
};
export type PendingHandshake = {
  id: string;
  accountId: string;
  otherAddress: string;
  passcodeHash: string;
  createdAt: Generated<Date>;
};
export type PushJob = {
  subscriptionId: string;
  messageId: string;
  attempts: Generated<number>;
  nextAttemptAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  createdAt: Date;
};
export type PushSubscription = {
  id: string;
  accountId: string;
  /**
   * The session that subscribed it (null for an access token): signing that session out drops it.
   */
  sessionId: string | null;
  endpoint: string;
  /**
   * The browser's P-256 public key and its 16-byte auth secret (base64url), as PushSubscription.toJSON() gives them.
   */
  p256dh: string;
  auth: string;
  /**
   * The message's text goes in the notification (otherwise only who wrote).
   */
  previews: Generated<boolean>;
  createdAt: Generated<Date>;
  lastSuccessAt: Date | null;
  /**
   * Sends the push service refused or failed in a row (reset by a success).
   */
  consecutiveFailures: Generated<number>;
};
export type Session = {
  id: string;
  accountId: string;
  tokenDigest: string;
  /**
   * Sent back by the browser in a header on every state-changing request (double submit).
   */
  csrfToken: string;
  userAgent: string | null;
  createdAt: Generated<Date>;
  lastSeenAt: Generated<Date>;
  expiresAt: Date;
};
export type UsedNonce = {
  connectionId: string;
  nonce: string;
  createdAt: Generated<Date>;
};
export type DB = {
  Account: Account;
  AdminAuditEntry: AdminAuditEntry;
  ApiToken: ApiToken;
  Attachment: Attachment;
  AttachmentChunk: AttachmentChunk;
  AuthFailure: AuthFailure;
  CappedAttempt: CappedAttempt;
  Connection: Connection;
  Conversation: Conversation;
  FileLink: FileLink;
  FileStorageUsage: FileStorageUsage;
  Invitation: Invitation;
  LoginFailure: LoginFailure;
  Message: Message;
  NodeSetting: NodeSetting;
  OutboxEntry: OutboxEntry;
  PassCode: PassCode;
  PeerExtensions: PeerExtensions;
  PeerFailure: PeerFailure;
  PendingHandshake: PendingHandshake;
  PushJob: PushJob;
  PushSubscription: PushSubscription;
  Session: Session;
  UsedNonce: UsedNonce;
};
