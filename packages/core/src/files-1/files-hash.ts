import { sha256Hex } from '../hash';
import { packageNonce } from '../message';
import { MAX_FILES_PACKAGE_CHARS } from './manifest';

/** files_hash = sha256(files_package + message_hash + auth_code): binds the manifest to one message (files.md §3). */
export function filesHash(filesPackage: string, messageHash: string, authCode: string): string {
  return sha256Hex(filesPackage, messageHash, authCode);
}

/**
 * The files nonce rule (files.md §3): both packages are sealed with the connection's key, so their nonces must
 * differ. True when the two packages carry the same 24-byte nonce (the receiver refuses with SM_E006); false
 * when they differ or a package cannot be decoded (opening it fails later with its own answer).
 */
export function filesNonceRepeatsMessageNonce(filesPackage: string, messagePackage: string): boolean {
  const filesNonce = packageNonce(filesPackage);
  return filesNonce !== null && filesNonce === packageNonce(messagePackage);
}

export type FilesFields = { filesPackage: string; filesHash: string };

/**
 * The two files-1 fields of a message-receive body: null when neither is there (a plain v1.0 message), a problem
 * when one is missing or malformed (the receiver answers SM_E000).
 */
export function readFilesFields(body: {
  files_package?: unknown;
  files_hash?: unknown;
}): { ok: true; fields: FilesFields | null } | { ok: false; problem: string } {
  const { files_package: filesPackage, files_hash: filesHash } = body;
  if (filesPackage === undefined && filesHash === undefined) return { ok: true, fields: null };
  if (typeof filesPackage !== 'string' || !/^[A-Za-z0-9_-]+$/.test(filesPackage)) {
    return { ok: false, problem: 'files_package must be base64url without padding' };
  }
  if (filesPackage.length > MAX_FILES_PACKAGE_CHARS) {
    return { ok: false, problem: `files_package must be at most ${MAX_FILES_PACKAGE_CHARS} characters` };
  }
  if (typeof filesHash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(filesHash)) {
    return { ok: false, problem: 'files_hash must be 64 hex characters' };
  }
  return { ok: true, fields: { filesPackage, filesHash: filesHash.toLowerCase() } };
}
