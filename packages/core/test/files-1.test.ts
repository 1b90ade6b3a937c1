import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildFilesManifest,
  buildMessageReceiveRequest,
  extensionsAnnouncement,
  fileNameProblem,
  filesHash,
  filesNonceRepeatsMessageNonce,
  fromBase64Url,
  fromHex,
  manifestContentType,
  type ManifestFile,
  MAX_FILES_PACKAGE_CHARS,
  messageHash,
  openFilesPackage,
  packageNonce,
  parseAnnouncement,
  parseFilesManifest,
  parseMessageReceiveRequest,
  readFilesFields,
  sealFilesPackage,
  sealMessage,
  toHex,
} from '../src';

const vectors = JSON.parse(readFileSync(resolve(__dirname, '../../../docs/extensions/files-1-vectors.json'), 'utf8'));

const KEY = 'ab'.repeat(32);
const LIMITS = { maxFiles: 10, maxFileBytes: 104_857_600 };
const file = (overrides: Partial<ManifestFile> = {}): ManifestFile => ({
  id: 'f1',
  name: 'holiday.jpg',
  type: 'image/jpeg',
  size: 2_483_114,
  sha256: 'c'.repeat(64),
  key: 'd'.repeat(64),
  chunkSize: 262_144,
  ...overrides,
});
const rawManifest = (entry: Record<string, unknown>) =>
  JSON.stringify({
    files: [
      {
        id: 'f1',
        name: 'a.txt',
        type: 'text/plain',
        size: 1,
        sha256: 'c'.repeat(64),
        key: 'd'.repeat(64),
        chunk_size: 262_144,
        ...entry,
      },
    ],
  });

describe('files-1 announcement', () => {
  const valid = { max_file_bytes: 104_857_600, max_text_chars: 64_000, max_files: 10 };

  it('builds the field of files.md §1 and reads it back', () => {
    const field = extensionsAnnouncement({ maxFileBytes: 104_857_600, maxTextChars: 64_000, maxFiles: 10 });
    expect(field).toEqual({ openmsg_extensions: { 'files-1': valid } });
    expect(parseAnnouncement({ success: true, ...field })).toEqual({
      files1: { maxFileBytes: 104_857_600, maxTextChars: 64_000, maxFiles: 10 },
    });
  });

  it('announces nothing when the extension is off', () => {
    expect(extensionsAnnouncement(null)).toEqual({});
  });

  it.each([
    ['no field', { success: true }],
    ['not an object', 'files-1'],
    ['null answer', null],
    ['an array answer', [1]],
    ['extensions as an array', { openmsg_extensions: ['files-1'] }],
    ['extensions as a string', { openmsg_extensions: 'files-1' }],
    ['files-1 as true', { openmsg_extensions: { 'files-1': true } }],
    ['files-1 as an array', { openmsg_extensions: { 'files-1': [] } }],
    [
      'a parameter missing',
      { openmsg_extensions: { 'files-1': { max_file_bytes: 1_048_576, max_text_chars: 64_000 } } },
    ],
    ['max_file_bytes below 1 MiB', { openmsg_extensions: { 'files-1': { ...valid, max_file_bytes: 1_048_575 } } }],
    ['max_text_chars below 64,000', { openmsg_extensions: { 'files-1': { ...valid, max_text_chars: 63_999 } } }],
    ['max_files 0', { openmsg_extensions: { 'files-1': { ...valid, max_files: 0 } } }],
    ['a fraction', { openmsg_extensions: { 'files-1': { ...valid, max_files: 1.5 } } }],
    ['a negative', { openmsg_extensions: { 'files-1': { ...valid, max_text_chars: -64_000 } } }],
    ['beyond a safe integer', { openmsg_extensions: { 'files-1': { ...valid, max_file_bytes: 2 ** 60 } } }],
    ['a non-digit string', { openmsg_extensions: { 'files-1': { ...valid, max_files: '10 files' } } }],
    ['only another extension', { openmsg_extensions: { 'files-2': valid } }],
  ])('%s: files-1 absent', (_name, answer) => {
    expect(parseAnnouncement(answer)).toEqual({ files1: null });
  });

  it('ignores unknown extensions and parameters, reads digit strings, caps max_files at 100', () => {
    expect(
      parseAnnouncement({
        openmsg_extensions: {
          'files-9': { anything: 1 },
          'files-1': { max_file_bytes: '1048576', max_text_chars: 64_000.0, max_files: 5000, colour: 'blue' },
        },
      }),
    ).toEqual({ files1: { maxFileBytes: 1_048_576, maxTextChars: 64_000, maxFiles: 100 } });
  });
});

describe('file names (files.md §3)', () => {
  it.each([
    'holiday.jpg',
    'Résumé 2026 (final).pdf',
    '日本語のファイル.txt',
    'family 👨‍👩‍👧.png',
    '...',
    '.hidden',
    'a'.repeat(255),
    '😀'.repeat(255),
  ])('%s is a valid name', (name) => {
    expect(fileNameProblem(name)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['dot', '.'],
    ['dot dot', '..'],
    ['a path', '../../etc/passwd'],
    ['a subfolder', 'photos/a.jpg'],
    ['a Windows path', 'C:\\Windows\\a.exe'],
    ['NUL', 'a\u0000.txt'],
    ['a newline', 'a\nb.txt'],
    ['a tab', 'a\tb.txt'],
    ['DEL', 'a\u007f.txt'],
    ['a C1 control', 'a\u0085.txt'],
    ['RIGHT-TO-LEFT OVERRIDE', 'invoice\u202Egpj.exe'],
    ['LEFT-TO-RIGHT MARK', 'a\u200E.txt'],
    ['RIGHT-TO-LEFT MARK', 'a\u200F.txt'],
    ['ARABIC LETTER MARK', 'a\u061C.txt'],
    ['RIGHT-TO-LEFT ISOLATE', 'a\u2067.txt'],
    ['POP DIRECTIONAL ISOLATE', 'a\u2069.txt'],
    ['LEFT-TO-RIGHT EMBEDDING', 'a\u202A.txt'],
    ['an unpaired high surrogate', 'a\ud800.txt'],
    ['an unpaired low surrogate', 'a\udc00.txt'],
    ['256 code points', 'a'.repeat(256)],
    ['256 emoji', '😀'.repeat(256)],
  ])('%s is refused with a sentence', (_name, name) => {
    expect(fileNameProblem(name)).toMatch(/^a file name must/);
  });
});

describe('the manifest (files.md §3)', () => {
  it('round-trips through build and parse', () => {
    const files = [file(), file({ id: 'f-2_B', name: 'notes.pdf', type: 'application/pdf', size: 0 })];
    expect(parseFilesManifest(buildFilesManifest(files), LIMITS)).toEqual({ ok: true, files });
  });

  it('ignores unknown fields in the manifest and in an entry', () => {
    const json = JSON.stringify({ v: 2, files: [{ ...JSON.parse(rawManifest({})).files[0], colour: 'red' }] });
    expect(parseFilesManifest(json, LIMITS)).toMatchObject({ ok: true, files: [{ id: 'f1', chunkSize: 262_144 }] });
  });

  it.each([
    ['not JSON', '{files:'],
    ['not an object', '[]'],
    ['no files', '{"files":[]}'],
    ['files not an array', '{"files":{}}'],
  ])('%s is invalid', (_name, json) => {
    expect(parseFilesManifest(json, LIMITS).ok).toBe(false);
  });

  it.each([
    ['an id with a slash', { id: 'a/b' }, 'files.0.id'],
    ['an id of 65 characters', { id: 'a'.repeat(65) }, 'files.0.id'],
    ['an empty id', { id: '' }, 'files.0.id'],
    ['a path name', { name: '../x' }, 'files.0.name'],
    ['a bidi name', { name: 'x\u202Etxt.exe' }, 'files.0.name'],
    ['a control name', { name: 'x\u0007' }, 'files.0.name'],
    ['a name that is not a string', { name: 5 }, 'files.0.name'],
    ['an uppercase type', { type: 'Image/JPEG' }, 'files.0.type'],
    ['a type without subtype', { type: 'image' }, 'files.0.type'],
    ['a type with parameters', { type: 'text/plain; charset=utf-8' }, 'files.0.type'],
    ['a type of 128 characters', { type: `a/${'b'.repeat(126)}` }, 'files.0.type'],
    ['a negative size', { size: -1 }, 'files.0.size'],
    ['a fractional size', { size: 1.5 }, 'files.0.size'],
    ['a size above max_file_bytes', { size: 104_857_601 }, 'files.0.size'],
    ['a size as a string', { size: '1' }, 'files.0.size'],
    ['an uppercase sha256', { sha256: 'C'.repeat(64) }, 'files.0.sha256'],
    ['a short key', { key: 'd'.repeat(62) }, 'files.0.key'],
    ['a chunk size below 64 KiB', { chunk_size: 32_768 }, 'files.0.chunk_size'],
    ['a chunk size above 4 MiB', { chunk_size: 4_259_840 }, 'files.0.chunk_size'],
    ['a chunk size not a multiple of 64 KiB', { chunk_size: 100_000 }, 'files.0.chunk_size'],
  ])('%s is invalid', (_name, entry, path) => {
    const result = parseFilesManifest(rawManifest(entry), LIMITS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.startsWith(`${path}: `)).toBe(true);
  });

  it('keeps to the receiver max_files, and ids unique', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => file({ id: `f${i}` }));
    expect(parseFilesManifest(buildFilesManifest(eleven), LIMITS)).toMatchObject({ ok: false });
    expect(parseFilesManifest(buildFilesManifest(eleven), { ...LIMITS, maxFiles: 11 }).ok).toBe(true);
    expect(parseFilesManifest(buildFilesManifest([file(), file()]), LIMITS)).toEqual({
      ok: false,
      problem: 'files: file ids must be unique',
    });
  });

  it('refuses a manifest over 64 KiB', () => {
    const json = JSON.stringify({ files: [JSON.parse(rawManifest({})).files[0]], pad: 'x'.repeat(65_536) });
    expect(parseFilesManifest(json, LIMITS)).toEqual({ ok: false, problem: 'the manifest is larger than 65536 bytes' });
  });

  it('content types: lowercased, parameters dropped, anything else octet-stream', () => {
    expect(manifestContentType('Image/JPEG')).toBe('image/jpeg');
    expect(manifestContentType('text/plain; charset=utf-8')).toBe('text/plain');
    expect(manifestContentType('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(manifestContentType('')).toBe('application/octet-stream');
    expect(manifestContentType(null)).toBe('application/octet-stream');
    expect(manifestContentType('<script>')).toBe('application/octet-stream');
  });
});

describe('files_package and files_hash', () => {
  const message = sealMessage('caption', KEY);

  it('seals and opens a manifest; a wrong key does not open; a bad manifest is invalid', () => {
    const manifest = buildFilesManifest([file()]);
    const filesPackage = sealFilesPackage(manifest, KEY, message.messagePackage);
    expect(openFilesPackage(filesPackage, KEY, LIMITS)).toEqual({ ok: true, files: [file()] });
    expect(openFilesPackage(filesPackage, 'ef'.repeat(32), LIMITS)).toMatchObject({
      ok: false,
      failure: 'undecryptable',
    });
    expect(openFilesPackage('AAAA', KEY, LIMITS)).toMatchObject({ ok: false, failure: 'undecryptable' });
    const tooBig = sealFilesPackage(buildFilesManifest([file({ size: 104_857_601 })]), KEY, message.messagePackage);
    expect(openFilesPackage(tooBig, KEY, LIMITS)).toMatchObject({ ok: false, failure: 'invalid' });
  });

  it('never reuses the message nonce, even when asked to', () => {
    const messageNonce = fromBase64Url(message.messagePackage).subarray(0, 24);
    const filesPackage = sealFilesPackage('{}', KEY, message.messagePackage, messageNonce);
    expect(packageNonce(filesPackage)).not.toBe(packageNonce(message.messagePackage));
    expect(filesNonceRepeatsMessageNonce(filesPackage, message.messagePackage)).toBe(false);
    const sameNonce = sealMessage('{}', KEY, messageNonce).messagePackage;
    expect(filesNonceRepeatsMessageNonce(sameNonce, message.messagePackage)).toBe(true);
  });

  it('reads the two fields of a message-receive body', () => {
    expect(readFilesFields({})).toEqual({ ok: true, fields: null });
    expect(readFilesFields({ files_package: 'abc_-', files_hash: 'A'.repeat(64) })).toEqual({
      ok: true,
      fields: { filesPackage: 'abc_-', filesHash: 'a'.repeat(64) },
    });
    expect(readFilesFields({ files_package: 'abc' })).toMatchObject({ ok: false });
    expect(readFilesFields({ files_hash: 'a'.repeat(64) })).toMatchObject({ ok: false });
    expect(readFilesFields({ files_package: 'ab=', files_hash: 'a'.repeat(64) })).toMatchObject({ ok: false });
    expect(readFilesFields({ files_package: 7, files_hash: 'a'.repeat(64) })).toMatchObject({ ok: false });
    expect(
      readFilesFields({ files_package: 'a'.repeat(MAX_FILES_PACKAGE_CHARS + 1), files_hash: 'a'.repeat(64) }),
    ).toMatchObject({ ok: false });
  });

  it('the request builder adds the fields only when given, and the v1.0 parse keeps accepting the body', () => {
    const base = {
      receiverId: '1',
      senderName: null,
      identCode: 'a'.repeat(64),
      messagePackage: message.messagePackage,
      messageHash: 'b'.repeat(64),
      messageSalt: 'salt',
      messageTimestamp: 1,
    };
    expect(Object.keys(buildMessageReceiveRequest(base))).not.toContain('files_package');
    const withFiles = buildMessageReceiveRequest({
      ...base,
      files: { filesPackage: 'abc', filesHash: 'c'.repeat(64) },
    });
    expect(withFiles).toMatchObject({ files_package: 'abc', files_hash: 'c'.repeat(64) });
    const parsed = parseMessageReceiveRequest(JSON.parse(JSON.stringify(withFiles)));
    expect(parsed.ok).toBe(true);
  });
});

describe('files-1 vectors (docs/extensions/files-1-vectors.json)', () => {
  const cipher = vectors.chunks;
  const plain = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));

  it('the chunk cipher of §5: nonces, tags, lengths, hashes', () => {
    const key = Buffer.from(cipher.key, 'hex');
    expect(cipher.key).toBe(toHex(Uint8Array.from({ length: 32 }, (_, i) => i)));
    const n = Math.max(1, Math.ceil(plain.length / cipher.chunk_size));
    expect(n).toBe(cipher.tags.length);
    expect(createHash('sha256').update(plain).digest('hex')).toBe(cipher.plaintext_sha256);
    const sealed: Buffer[] = [];
    for (let i = 0; i < n; i++) {
      const nonce = Buffer.alloc(12);
      nonce[3] = i === n - 1 ? 1 : 0;
      nonce.writeBigUInt64BE(BigInt(i), 4);
      expect(nonce.toString('hex')).toBe(cipher.nonces[i]);
      const part = plain.subarray(i * cipher.chunk_size, (i + 1) * cipher.chunk_size);
      const encryptor = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
      const ciphertext = Buffer.concat([encryptor.update(part), encryptor.final()]);
      const tag = encryptor.getAuthTag();
      expect(tag.toString('hex')).toBe(cipher.tags[i]);
      sealed.push(ciphertext, tag);
      // The same chunk under the other `last` byte does not open: a stream cut after a whole chunk fails.
      const wrongLast = Buffer.from(nonce);
      wrongLast.writeUInt8(wrongLast.readUInt8(3) ^ 1, 3);
      const decryptor = createDecipheriv('chacha20-poly1305', key, wrongLast, { authTagLength: 16 });
      decryptor.setAuthTag(tag);
      decryptor.update(ciphertext);
      expect(() => decryptor.final()).toThrow();
    }
    const encrypted = Buffer.concat(sealed);
    expect(encrypted.length).toBe(plain.length + 16 * n);
    expect(encrypted.length).toBe(cipher.encrypted_length);
    expect(createHash('sha256').update(encrypted).digest('hex')).toBe(cipher.encrypted_sha256);
  });

  it('the message with its manifest of §3: message_package, files_package, files_hash', () => {
    const v = vectors.message;
    const sealed = sealMessage(v.text, v.message_crypt_key, fromHex(v.message_nonce_hex));
    expect(sealed.messagePackage).toBe(v.message_package);
    expect(messageHash(v.message_package, v.auth_code, v.message_salt, v.message_timestamp)).toBe(v.message_hash);
    const files = JSON.parse(v.manifest_json).files as Array<Record<string, unknown>>;
    expect(files[0]).toMatchObject({ sha256: cipher.plaintext_sha256, key: cipher.key, chunk_size: 65_536 });
    const filesPackage = sealFilesPackage(
      v.manifest_json,
      v.message_crypt_key,
      v.message_package,
      fromHex(v.files_nonce_hex),
    );
    expect(filesPackage).toBe(v.files_package);
    expect(filesHash(v.files_package, v.message_hash, v.auth_code)).toBe(v.files_hash);
    const opened = openFilesPackage(v.files_package, v.message_crypt_key, { maxFiles: 10, maxFileBytes: 1_048_576 });
    expect(opened).toMatchObject({ ok: true, files: [{ name: 'sample.bin', size: 100_000, chunkSize: 65_536 }] });
  });
});
