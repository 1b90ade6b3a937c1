import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildFiles1FetchRequest,
  buildFiles1ReceiptRequest,
  files1ErrorReply,
  files1FailureAction,
  files1FetchHash,
  files1ReceiptHash,
  ATTACHMENT_FAILURE_CODES,
  FILES_1_ERRORS,
  FILES_1_REFUSAL_REASONS,
  isFiles1TimestampFresh,
  parseFiles1FetchRequest,
  parseFiles1ReceiptRequest,
} from '../src';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const authCode = 'a'.repeat(64);
const identCode = 'b'.repeat(64);
const fileSha = 'c'.repeat(64);
const fileId = '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10';
const now = new Date('2026-12-06T10:00:00Z');

describe('files-1 fetch hash', () => {
  it('is sha256 of file_id, decimal(from_chunk), auth_code, salt and decimal(timestamp), no separators', () => {
    const hash = files1FetchHash({ fileId, fromChunk: 12, authCode, salt: '00ff', timestamp: 1764000000 });
    expect(hash).toBe(sha256(`${fileId}12${authCode}00ff1764000000`));
  });

  it('builds a request whose hash the parser and the hash function agree on', () => {
    const body = buildFiles1FetchRequest({ identCode, authCode, fileId, fromChunk: 0, now });
    expect(body.fetch_salt).toMatch(/^[0-9a-f]{32}$/);
    expect(body.fetch_timestamp).toBe(Math.floor(now.getTime() / 1000));
    const parsed = parseFiles1FetchRequest(JSON.parse(JSON.stringify(body)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const recomputed = files1FetchHash({
      fileId: parsed.value.file_id,
      fromChunk: parsed.value.from_chunk,
      authCode,
      salt: parsed.value.fetch_salt,
      timestamp: parsed.value.fetch_timestamp.text,
    });
    expect(recomputed).toBe(body.fetch_hash);
  });

  it('gives two requests two salts', () => {
    const first = buildFiles1FetchRequest({ identCode, authCode, fileId, fromChunk: 0, now });
    const second = buildFiles1FetchRequest({ identCode, authCode, fileId, fromChunk: 0, now });
    expect(first.fetch_salt).not.toBe(second.fetch_salt);
    expect(first.fetch_hash).not.toBe(second.fetch_hash);
  });
});

describe('files-1 fetch request', () => {
  const valid = buildFiles1FetchRequest({ identCode, authCode, fileId, fromChunk: 3, now, salt: 'ab'.repeat(16) });

  it('takes from_chunk 0 as a value, and a digit string as a number', () => {
    const zero = parseFiles1FetchRequest({ ...valid, from_chunk: 0 });
    expect(zero.ok && zero.value.from_chunk).toBe(0);
    const text = parseFiles1FetchRequest({ ...valid, from_chunk: '17' });
    expect(text.ok && text.value.from_chunk).toBe(17);
  });

  it.each([
    ['from_chunk', -1],
    ['from_chunk', 1.5],
    ['from_chunk', '07'],
    ['from_chunk', 2 ** 31],
    ['from_chunk', undefined],
    ['file_id', 'a/b'],
    ['file_id', 'x'.repeat(65)],
    ['file_id', '../etc'],
    ['ident_code', 'z'.repeat(64)],
    ['fetch_hash', 'abc'],
    ['fetch_timestamp', 'soon'],
    ['openmsg_version', 2],
  ])('refuses %s = %j', (field, value) => {
    const parsed = parseFiles1FetchRequest({ ...valid, [field]: value });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && [...parsed.missing, ...parsed.invalid]).toContain(field);
  });

  it.each(['ident_code', 'file_id', 'fetch_salt', 'fetch_timestamp', 'fetch_hash'])(
    'names %s when missing',
    (field) => {
      const parsed = parseFiles1FetchRequest({ ...valid, [field]: '' });
      expect(!parsed.ok && parsed.missing).toEqual([field]);
    },
  );

  it.each([null, [], 'text', 5])('refuses a body %j that is not an object', (body) => {
    expect(parseFiles1FetchRequest(body).ok).toBe(false);
  });

  it('keeps a timestamp sent as digits as the digits (they are hashed as received)', () => {
    const parsed = parseFiles1FetchRequest({ ...valid, fetch_timestamp: '1764000000' });
    expect(parsed.ok && parsed.value.fetch_timestamp).toEqual({ text: '1764000000', seconds: 1764000000 });
  });
});

describe('files-1 freshness', () => {
  it('accepts 60 s either way and refuses 61', () => {
    expect(isFiles1TimestampFresh(1000, 1060)).toBe(true);
    expect(isFiles1TimestampFresh(1060, 1000)).toBe(true);
    expect(isFiles1TimestampFresh(1000, 1061)).toBe(false);
    expect(isFiles1TimestampFresh(1061, 1000)).toBe(false);
  });
});

describe('files-1 receipt', () => {
  it('hashes file_id, status, reason, the file sha256, auth_code, salt and timestamp', () => {
    const hash = files1ReceiptHash({
      fileId,
      status: 'refused',
      reason: 'quota_full',
      fileSha256: fileSha,
      authCode,
      salt: 's1',
      timestamp: 1764000000,
    });
    expect(hash).toBe(sha256(`${fileId}refusedquota_full${fileSha}${authCode}s11764000000`));
  });

  it('builds stored and refused receipts that parse and whose hashes recompute', () => {
    for (const [status, reason] of [
      ['stored', ''],
      ['refused', 'hash_mismatch'],
    ] as const) {
      const body = buildFiles1ReceiptRequest({ identCode, authCode, fileId, fileSha256: fileSha, status, reason, now });
      const parsed = parseFiles1ReceiptRequest(JSON.parse(JSON.stringify(body)));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.reason).toBe(reason);
      const recomputed = files1ReceiptHash({
        fileId,
        status: parsed.value.status,
        reason: parsed.value.reason,
        fileSha256: fileSha,
        authCode,
        salt: parsed.value.receipt_salt,
        timestamp: parsed.value.receipt_timestamp.text,
      });
      expect(recomputed).toBe(body.receipt_hash);
    }
  });

  it('drops a reason given with "stored" when building, and refuses one arriving with it', () => {
    const body = buildFiles1ReceiptRequest({
      identCode,
      authCode,
      fileId,
      fileSha256: fileSha,
      status: 'stored',
      reason: 'gone',
      now,
    });
    expect(body.reason).toBe('');
    const parsed = parseFiles1ReceiptRequest({ ...body, reason: 'gone' });
    expect(!parsed.ok && parsed.invalid).toEqual(['reason']);
  });

  it('refuses "refused" without a reason, an unknown status and a reason that is not a word', () => {
    const body = buildFiles1ReceiptRequest({
      identCode,
      authCode,
      fileId,
      fileSha256: fileSha,
      status: 'refused',
      reason: 'gone',
      now,
    });
    expect(parseFiles1ReceiptRequest({ ...body, reason: '' }).ok).toBe(false);
    expect(parseFiles1ReceiptRequest({ ...body, status: 'maybe' }).ok).toBe(false);
    expect(parseFiles1ReceiptRequest({ ...body, reason: 'Gone!' }).ok).toBe(false);
    expect(parseFiles1ReceiptRequest({ ...body, reason: 'a_later_reason' }).ok).toBe(true);
  });
});

describe('files-1 errors', () => {
  it('refuses files for the reasons an attachment shows', () => {
    expect([...FILES_1_REFUSAL_REASONS]).toEqual([...ATTACHMENT_FAILURE_CODES]);
  });

  it('has the table of §4', () => {
    expect(
      Object.fromEntries(Object.entries(FILES_1_ERRORS).map(([code, e]) => [code, [e.status, e.errorCode]])),
    ).toEqual({
      FL_E000: [400, 'file_request_invalid'],
      FL_E001: [403, 'ident_code_invalid'],
      FL_E002: [404, 'file_unknown'],
      FL_E004: [403, 'fetch_hash_invalid'],
      FL_E005: [403, 'fetch_expired'],
      FL_E008: [503, 'fetch_rejected_temp'],
      FL_E009: [410, 'file_gone'],
    });
    expect(files1ErrorReply('FL_E002', 'no such file')).toEqual({
      error: true,
      response_code: 'FL_E002',
      error_code: 'file_unknown',
      error_message: 'no such file',
    });
  });

  it('gives up only when the sender says the file is unknown or gone', () => {
    expect(files1FailureAction(404, files1ErrorReply('FL_E002', 'x')).action).toBe('gone');
    expect(files1FailureAction(410, files1ErrorReply('FL_E009', 'x')).action).toBe('gone');
    expect(files1FailureAction(404, 'not json').action).toBe('gone');
    expect(files1FailureAction(403, files1ErrorReply('FL_E004', 'x'))).toEqual({ action: 'retry', code: 'FL_E004' });
    expect(files1FailureAction(503, null).action).toBe('retry');
    expect(files1FailureAction(429, files1ErrorReply('FL_E008', 'x')).action).toBe('retry');
  });
});
