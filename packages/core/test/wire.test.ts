import { describe, expect, it } from 'vitest';
import {
  isPermanentFailure,
  messageErrorReply,
  parseAuthConfirmRequest,
  parseAuthRequest,
  parseMessageConfirmRequest,
  parseMessageReceiveRequest,
  readPeerOutcome,
  RESPONSE_CODES,
} from '../src';

const hex = (c: string) => c.repeat(64);
const auth = {
  receiving_openmsg_address_id: '1000000',
  pass_code: '012345',
  sending_openmsg_address: '1000001*a.test',
  sending_openmsg_address_name: 'John Doe',
  sending_allow_replies: true,
  openmsg_version: 1,
};
const receive = {
  receiving_openmsg_address_id: '1000000',
  sending_openmsg_address_name: null,
  ident_code: hex('a'),
  message_package: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYX5B2PZvCRieVwHwNNygz1tRaaVCOo6u1g3lLiTQ-vP-Q312c',
  message_hash: hex('b'),
  message_salt: '00112233445566778899aabbccddeeff',
  message_timestamp: 1764000000,
  openmsg_version: 1,
  verified_account: { verified_account_signature: null, verified_account_name: null, verified_account_expires: null },
};

describe('auth request', () => {
  it.each([
    [true, true],
    [1, true],
    ['1', true],
    [false, false],
    [0, false],
    ['0', false],
    ['', false],
    [null, false],
    [undefined, true],
  ])('reads sending_allow_replies %j as %j', (value, expected) => {
    const parsed = parseAuthRequest({ ...auth, sending_allow_replies: value });
    expect(parsed.ok && parsed.value.sending_allow_replies).toBe(expected);
  });

  it.each([1, 1.0, '1.0', '1', undefined, null])('accepts openmsg_version %j', (version) => {
    expect(parseAuthRequest({ ...auth, openmsg_version: version }).ok).toBe(true);
  });

  it.each([2, '2.0', 'x', true])('refuses openmsg_version %j', (version) => {
    const parsed = parseAuthRequest({ ...auth, openmsg_version: version });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.invalid).toEqual(['openmsg_version']);
  });

  it('names each missing field', () => {
    const parsed = parseAuthRequest({ receiving_openmsg_address_id: '1', pass_code: '' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.missing).toEqual([
      'pass_code',
      'sending_openmsg_address',
      'sending_openmsg_address_name',
    ]);
  });

  it.each([
    ['receiving_openmsg_address_id', 1000000],
    ['receiving_openmsg_address_id', '12a'],
    ['pass_code', 123456],
    ['pass_code', '12345'],
    ['sending_openmsg_address', 'abc*a.test'],
    ['sending_openmsg_address', '1*127.0.0.1'],
    ['sending_openmsg_address_name', '\u0000\u0001'],
    ['sending_openmsg_address_name', { name: 'x' }],
  ])('refuses %s = %j', (field, value) => {
    const parsed = parseAuthRequest({ ...auth, [field]: value });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.invalid).toEqual([field]);
  });

  it.each([null, [], 'text', 42])('refuses a body that is %j', (body) => {
    expect(parseAuthRequest(body).ok).toBe(false);
  });
});

describe('addresses on the wire', () => {
  it('come out canonical: the domain lowercased, without a trailing dot', () => {
    const confirm = parseAuthConfirmRequest({ receiving_openmsg_address: '1*B.Test.', passcode_hash: hex('a') });
    expect(confirm.ok && confirm.value.receiving_openmsg_address).toBe('1*b.test');
    const parsed = parseAuthRequest({ ...auth, sending_openmsg_address: '1000001*A.TEST' });
    expect(parsed.ok && parsed.value.sending_openmsg_address).toBe('1000001*a.test');
    expect(parseAuthRequest({ ...auth, sending_openmsg_address: '1000001*a_b.test' }).ok).toBe(false);
  });
});

describe('auth-confirm request', () => {
  it('lower-cases the hash and checks its form', () => {
    const ok = parseAuthConfirmRequest({ receiving_openmsg_address: '1*b.test', passcode_hash: hex('A') });
    expect(ok.ok && ok.value.passcode_hash).toBe(hex('a'));
    expect(parseAuthConfirmRequest({ receiving_openmsg_address: '1*b.test', passcode_hash: 'abc' }).ok).toBe(false);
  });
});

describe('message-receive request', () => {
  it('accepts the timestamp as a digit string and hashes it as received', () => {
    const parsed = parseMessageReceiveRequest({ ...receive, message_timestamp: '1764000000' });
    expect(parsed.ok && parsed.value.message_timestamp).toEqual({ text: '1764000000', seconds: 1764000000 });
  });

  it('drops a malformed sender name instead of failing the message', () => {
    for (const name of [undefined, null, 42, '   ', { a: 1 }]) {
      const parsed = parseMessageReceiveRequest({ ...receive, sending_openmsg_address_name: name });
      expect(parsed.ok && parsed.value.sending_openmsg_address_name).toBeNull();
    }
    const named = parseMessageReceiveRequest({ ...receive, sending_openmsg_address_name: 'Monsters Inc' });
    expect(named.ok && named.value.sending_openmsg_address_name).toBe('Monsters Inc');
  });

  it('accepts a body without the sender-name key at all (docs/PROTOCOL.md: may be missing)', () => {
    const { sending_openmsg_address_name: _omit, ...rest } = receive;
    const parsed = parseMessageReceiveRequest(rest);
    expect(parsed.ok && parsed.value.sending_openmsg_address_name).toBeNull();
  });

  it.each([
    ['message_timestamp', '17640000.5'],
    ['message_timestamp', -5],
    ['message_timestamp', 1.5],
    ['message_timestamp', 'soon'],
    ['message_package', 'has+plus'],
    ['message_package', 'padded=='],
    ['ident_code', 'short'],
    ['message_hash', 12],
    ['message_salt', 'has space'],
  ])('refuses %s = %j', (field, value) => {
    const parsed = parseMessageReceiveRequest({ ...receive, [field]: value });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.invalid).toEqual([field]);
  });

  it('reports missing data', () => {
    const { ident_code: _omit, ...rest } = receive;
    const parsed = parseMessageReceiveRequest(rest);
    expect(!parsed.ok && parsed.missing).toEqual(['ident_code']);
  });
});

describe('message-confirm request', () => {
  it('requires a 32-character base64url nonce', () => {
    expect(
      parseMessageConfirmRequest({ message_hash: hex('c'), message_nonce: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYX' }).ok,
    ).toBe(true);
    expect(parseMessageConfirmRequest({ message_hash: hex('c'), message_nonce: 'AAEC' }).ok).toBe(false);
  });
});

describe('replies', () => {
  it('builds message errors with the table error code', () => {
    expect(messageErrorReply('SM_E004', 'bad hash')).toEqual({
      error: true,
      response_code: 'SM_E004',
      error_code: 'message_hash_invalid',
      error_message: 'bad hash',
    });
    expect(messageErrorReply('SM_E000', 'missing', 'message_data_missing').error_code).toBe('message_data_missing');
  });

  it('reads peer answers as the reference does', () => {
    expect(readPeerOutcome({ success: 1 })).toEqual({ success: true, responseCode: null });
    expect(readPeerOutcome({ success: true, response_code: 'SM_S888' }).success).toBe(true);
    expect(readPeerOutcome({ error: true, response_code: 'SM_E002', error_message: 'no' })).toEqual({
      success: false,
      responseCode: 'SM_E002',
      errorMessage: 'no',
    });
    expect(readPeerOutcome({ success: false }).success).toBe(false);
    expect(readPeerOutcome('{"success":true}').success).toBe(false);
    expect(readPeerOutcome(null).success).toBe(false);
  });

  it('knows which codes end retrying', () => {
    const permanent = Object.keys(RESPONSE_CODES).filter(
      (code) => code !== 'SM_S888' && isPermanentFailure(code as never),
    );
    expect(permanent).toEqual(['SM_E001', 'SM_E002', 'SM_E004', 'SM_E006', 'SM_E009']);
  });
});
