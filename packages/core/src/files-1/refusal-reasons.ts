/**
 * Why a receiver did not take a file (docs/extensions/files.md §8). A module of its own, importing nothing: the client
 * API shows the same words (AttachmentFailureCode), and the inbox's bundle should not carry the wire's schemas for it.
 */
export const FILES_1_REFUSAL_REASONS = [
  'too_large',
  'quota_full',
  'hash_mismatch',
  'manifest_invalid',
  'gone',
  'expired',
] as const;
export type Files1RefusalReason = (typeof FILES_1_REFUSAL_REASONS)[number];
