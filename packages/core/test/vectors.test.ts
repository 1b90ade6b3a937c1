import { describe, expect, it } from 'vitest';
import {
  authSuccessResponseSchema,
  buildAuthRequest,
  buildMessageReceiveRequest,
  codePointLength,
  fromBase64Url,
  fromHex,
  messageHash,
  openMessage,
  parseAddress,
  parseAuthConfirmRequest,
  parseAuthRequest,
  parseMessageConfirmRequest,
  parseMessageReceiveRequest,
  passcodeHash,
  readPeerOutcome,
  sealMessage,
  toHex,
  utf8Encode,
} from '../src';
import { loadVectors } from './vectors';

const vectors = loadVectors();

describe('passcode vectors', () => {
  it.each(vectors.passcode_vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    expect(v.pass_code + v.initiator_address + v.receiver_address).toBe(v.hashed_string);
    expect(passcodeHash(v.pass_code, v.initiator_address, v.receiver_address)).toBe(v.passcode_hash);
    expect(parseAddress(v.initiator_address)).not.toBeNull();
    expect(parseAddress(v.receiver_address)).not.toBeNull();
  });
});

describe('message vectors', () => {
  it.each(vectors.message_vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const bytes = utf8Encode(v.text);
    expect(toHex(bytes)).toBe(v.text_utf8_hex);
    expect(bytes.length).toBe(v.text_utf8_bytes);
    expect(codePointLength(v.text)).toBe(v.text_code_points);

    const sealed = sealMessage(v.text, v.message_crypt_key, fromHex(v.nonce_hex));
    expect(sealed.messagePackage).toBe(v.message_package);
    expect(sealed.messageNonce).toBe(v.message_nonce);
    expect(toHex(fromBase64Url(sealed.messagePackage).subarray(24))).toBe(v.secretbox_hex);

    expect(messageHash(v.message_package, v.auth_code, v.message_salt, v.message_timestamp)).toBe(v.message_hash);
    expect(messageHash(v.message_package, v.auth_code, v.message_salt, String(v.message_timestamp))).toBe(
      v.message_hash,
    );

    expect(openMessage(v.message_package, v.message_crypt_key)).toEqual({
      ok: true,
      text: v.text,
      messageNonce: v.message_nonce,
    });
  });
});

describe('negative vectors', () => {
  it.each(vectors.negative_vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    if (v.expect === 'open_fails') {
      const opened = openMessage(v.message_package, v.message_crypt_key as string);
      expect(opened.ok).toBe(false);
    } else {
      const recomputed = messageHash(
        v.message_package,
        v.auth_code as string,
        v.message_salt as string,
        v.message_timestamp as number,
      );
      expect(recomputed).toBe(v.correct_message_hash);
      expect(recomputed).not.toBe(v.message_hash);
    }
  });

  it('covers both kinds of negative vector', () => {
    const kinds = new Set(vectors.negative_vectors.map((v) => v.expect));
    expect(kinds).toEqual(new Set(['open_fails', 'hash_mismatch']));
  });
});

describe('wire examples (bytes a reference node sends)', () => {
  const wire = vectors.wire_examples as Record<string, string>;
  const pc01 = vectors.passcode_vectors.find((v) => v.id === 'pc-01')!;
  const msg01 = vectors.message_vectors.find((v) => v.id === 'msg-01')!;

  it('parses and reproduces the auth request', () => {
    const parsed = parseAuthRequest(JSON.parse(wire.auth_request!));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.pass_code).toBe(pc01.pass_code);
    expect(parsed.value.sending_openmsg_address).toBe(pc01.initiator_address);
    expect(parsed.value.sending_allow_replies).toBe(true);
    const built = buildAuthRequest({
      receiverId: parsed.value.receiving_openmsg_address_id,
      passCode: parsed.value.pass_code,
      senderAddress: parsed.value.sending_openmsg_address,
      senderName: parsed.value.sending_openmsg_address_name,
      allowReplies: true,
    });
    expect(JSON.stringify(built)).toBe(wire.auth_request);
  });

  it('parses the auth-confirm request and its hash matches pc-01', () => {
    const parsed = parseAuthConfirmRequest(JSON.parse(wire.auth_confirm_request!));
    expect(parsed.ok && parsed.value.passcode_hash).toBe(pc01.passcode_hash);
    expect(parsed.ok && parsed.value.receiving_openmsg_address).toBe(pc01.receiver_address);
  });

  it('reads the success answers', () => {
    expect(readPeerOutcome(JSON.parse(wire.auth_confirm_success!))).toEqual({ success: true, responseCode: null });
    expect(readPeerOutcome(JSON.parse(wire.message_confirm_success!))).toEqual({ success: true, responseCode: null });
    expect(readPeerOutcome(JSON.parse(wire.message_receive_success!))).toEqual({
      success: true,
      responseCode: 'SM_S888',
    });
    const auth = authSuccessResponseSchema.safeParse(JSON.parse(wire.auth_success!));
    expect(auth.success && auth.data.message_crypt_key).toBe(msg01.message_crypt_key);
    expect(auth.success && auth.data.auth_code).toBe(msg01.auth_code);
  });

  it('parses and reproduces the message-receive request', () => {
    const parsed = parseMessageReceiveRequest(JSON.parse(wire.message_receive_request!));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.message_timestamp).toEqual({
      text: String(msg01.message_timestamp),
      seconds: msg01.message_timestamp,
    });
    expect(parsed.value.sending_openmsg_address_name).toBeNull();
    const { message_package, message_salt, message_timestamp, message_hash } = parsed.value;
    expect(messageHash(message_package, msg01.auth_code, message_salt, message_timestamp.text)).toBe(message_hash);
    const built = buildMessageReceiveRequest({
      receiverId: parsed.value.receiving_openmsg_address_id,
      senderName: null,
      identCode: parsed.value.ident_code,
      messagePackage: message_package,
      messageHash: message_hash,
      messageSalt: message_salt,
      messageTimestamp: message_timestamp.seconds,
    });
    expect(JSON.stringify(built)).toBe(wire.message_receive_request);
  });

  it('parses the message-confirm request', () => {
    const parsed = parseMessageConfirmRequest(JSON.parse(wire.message_confirm_request!));
    expect(parsed.ok && parsed.value).toEqual({ message_hash: msg01.message_hash, message_nonce: msg01.message_nonce });
  });
});
