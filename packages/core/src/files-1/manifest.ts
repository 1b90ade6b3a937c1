import { z } from 'zod';
import { toBase64Url, utf8Encode } from '../encoding';
import { NONCE_BYTES, openMessage, packageNonce, sealMessage, TAG_BYTES } from '../message';
import { randomBytes } from '../random';

/** The manifest of a message's files (docs/extensions/files.md §3): UTF-8 JSON of at most 64 KiB. */
export const FILES_MANIFEST_MAX_BYTES = 65_536;
/** The longest `files_package` a valid manifest gives: base64url of nonce ‖ tag ‖ 64 KiB. */
export const MAX_FILES_PACKAGE_CHARS = Math.ceil(((NONCE_BYTES + TAG_BYTES + FILES_MANIFEST_MAX_BYTES) * 4) / 3);

export const FILE_NAME_MAX_CODE_POINTS = 255;
export const MANIFEST_CHUNK_SIZE = { min: 65_536, max: 4_194_304, multipleOf: 65_536 } as const;

/** C0, DEL and C1 controls; the bidirectional controls that make `gpj.exe` look like `exe.jpg`; unpaired surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const PATH_SEPARATOR = /[/\\]/;
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a file name breaks the manifest's rules, as a sentence; null when it is a valid name. The same rules hold
 * for an upload (the node refuses it with `file_name_invalid`) and for an incoming manifest (refused, never
 * cleaned silently).
 */
export function fileNameProblem(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'a file name must not be empty';
  if (UNPAIRED_SURROGATE.test(name)) return 'a file name must be valid Unicode text';
  let codePoints = 0;
  for (const _ of name) codePoints++;
  if (codePoints > FILE_NAME_MAX_CODE_POINTS)
    return `a file name must be at most ${FILE_NAME_MAX_CODE_POINTS} characters`;
  if (name === '.' || name === '..') return 'a file name must not be "." or ".."';
  if (PATH_SEPARATOR.test(name)) return 'a file name must not contain "/" or "\\"';
  if (FORBIDDEN_IN_NAME.test(name)) return 'a file name must not contain control or text-direction characters';
  return null;
}

/** `type/subtype` as RFC 6838 restricts names, lowercase, no parameters. */
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
export const CONTENT_TYPE_MAX_CHARS = 127;
export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

export function isManifestContentType(type: string): boolean {
  return typeof type === 'string' && type.length <= CONTENT_TYPE_MAX_CHARS && CONTENT_TYPE.test(type);
}

/** A declared type as a manifest may carry it: lowercased and without parameters, else `application/octet-stream`. */
export function manifestContentType(declared: string | null | undefined): string {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  return isManifestContentType(type) ? type : FALLBACK_CONTENT_TYPE;
}

export interface ManifestFile {
  id: string;
  name: string;
  type: string;
  size: number;
  /** Lowercase hex SHA-256 of the plaintext. */
  sha256: string;
  /** Lowercase hex of the file's 32-byte ChaCha20-Poly1305 key. */
  key: string;
  chunkSize: number;
}

/** What the receiving node takes: its own announced limits. */
export interface ManifestLimits {
  maxFiles: number;
  maxFileBytes: number;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');

function manifestSchema(limits: ManifestLimits) {
  const file = z.object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 characters A-Z a-z 0-9 _ -'),
    name: z.string().superRefine((name, ctx) => {
      const problem = fileNameProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    type: z.string().refine(isManifestContentType, 'must be a lowercase MIME type type/subtype'),
    size: z.number().int().min(0).max(limits.maxFileBytes, `must be at most ${limits.maxFileBytes} bytes`),
    sha256: hex64,
    key: hex64,
    chunk_size: z
      .number()
      .int()
      .min(MANIFEST_CHUNK_SIZE.min)
      .max(MANIFEST_CHUNK_SIZE.max)
      .multipleOf(MANIFEST_CHUNK_SIZE.multipleOf),
  });
  return z.object({
    files: z
      .array(file)
      .min(1, 'must list at least one file')
      .max(limits.maxFiles, `must list at most ${limits.maxFiles} files`)
      .superRefine((files, ctx) => {
        const ids = new Set(files.map((entry) => entry.id));
        if (ids.size !== files.length) ctx.addIssue({ code: 'custom', message: 'file ids must be unique' });
      }),
  });
}

export type ManifestParse = { ok: true; files: ManifestFile[] } | { ok: false; problem: string };

/** Checks a manifest's JSON text against the rules and the receiver's limits. Never throws. */
export function parseFilesManifest(json: string, limits: ManifestLimits): ManifestParse {
  if (utf8Encode(json).length > FILES_MANIFEST_MAX_BYTES) {
    return { ok: false, problem: `the manifest is larger than ${FILES_MANIFEST_MAX_BYTES} bytes` };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'the manifest is not JSON' };
  }
  const result = manifestSchema(limits).safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path.join('.');
    return { ok: false, problem: path ? `${path}: ${issue.message}` : issue.message };
  }
  return {
    ok: true,
    files: result.data.files.map((entry) => ({
      id: entry.id,
      name: entry.name,
      type: entry.type,
      size: entry.size,
      sha256: entry.sha256,
      key: entry.key,
      chunkSize: entry.chunk_size,
    })),
  };
}

/** The manifest's JSON text, fields in the order files.md gives them. */
export function buildFilesManifest(files: readonly ManifestFile[]): string {
  return JSON.stringify({
    files: files.map((entry) => ({
      id: entry.id,
      name: entry.name,
      type: entry.type,
      size: entry.size,
      sha256: entry.sha256,
      key: entry.key,
      chunk_size: entry.chunkSize,
    })),
  });
}

/**
 * `files_package` = base64url(files_nonce ‖ crypto_secretbox(manifest, files_nonce, message_crypt_key)) with a
 * fresh nonce that differs from the message's own (`messagePackage`'s first 24 bytes): both share the key.
 */
export function sealFilesPackage(
  manifestJson: string,
  messageCryptKey: string,
  messagePackage: string,
  nonce: Uint8Array = randomBytes(NONCE_BYTES),
): string {
  let filesNonce = nonce;
  // 2^-192 for random nonces; a chosen nonce equal to the message's is a caller's mistake, replaced all the same.
  while (toBase64Url(filesNonce) === packageNonce(messagePackage)) filesNonce = randomBytes(NONCE_BYTES);
  return sealMessage(manifestJson, messageCryptKey, filesNonce).messagePackage;
}

export type FilesPackageOpen =
  | { ok: true; files: ManifestFile[] }
  /** `undecryptable`: SM_E006; `invalid`: SM_E000 with error_code files_manifest_invalid (files.md §3). */
  | { ok: false; failure: 'undecryptable' | 'invalid'; problem: string };

/** Opens a received `files_package` and checks its manifest. Never throws. */
export function openFilesPackage(
  filesPackage: string,
  messageCryptKey: string,
  limits: ManifestLimits,
): FilesPackageOpen {
  const opened = openMessage(filesPackage, messageCryptKey);
  if (!opened.ok) {
    return opened.reason === 'not_utf8'
      ? { ok: false, failure: 'invalid', problem: 'the manifest is not UTF-8' }
      : { ok: false, failure: 'undecryptable', problem: 'files_package does not open' };
  }
  const parsed = parseFilesManifest(opened.text, limits);
  return parsed.ok ? parsed : { ok: false, failure: 'invalid', problem: parsed.problem };
}
