/* eslint-disable no-console -- an example program: printing is its output */
// Both sides of an Openmsg v1.0 handshake and of one message, with @openmsg/core only.
// Alice's node (a.example) connects Alice to Bob (b.example) with the pass code Bob gave her, then
// sends him a message. The HTTP calls are replaced by direct function calls; each comment names the
// POST a real node makes (docs/PROTOCOL.md §2 and §3). Run: node examples/handshake-and-message.mjs
import assert from 'node:assert/strict';
import {
  authSuccessResponseSchema,
  buildAuthRequest,
  buildMessageReceiveRequest,
  checkFreshness,
  constantTimeEqual,
  generateConnectionSecrets,
  generateMessageSalt,
  generatePassCode,
  messageHash,
  openMessage,
  packageNonce,
  parseAuthConfirmRequest,
  parseAuthRequest,
  parseMessageConfirmRequest,
  parseMessageReceiveRequest,
  passcodeHash,
  sealMessage,
  unixSeconds,
} from '@openmsg/core';

const alice = '1000*a.example';
const bob = '2000*b.example';

// ---- Handshake (§2) ----------------------------------------------------------------------------
// 1. Bob's node draws a pass code (CSPRNG, 6 digits, valid 1 h, single use) and shows it to Bob.
const bobsPassCodes = new Map([[generatePassCode(), { address: bob, createdAt: unixSeconds() }]]);
const [passCode] = bobsPassCodes.keys();

// 2. Alice's node records a pending handshake and POSTs https://b.example/openmsg/auth/.
const pendingAtAlice = {
  otherAddress: bob,
  passcodeHash: passcodeHash(passCode, alice, bob),
  createdAt: unixSeconds(),
};
const authRequest = buildAuthRequest({
  receiverId: '2000',
  passCode,
  senderAddress: alice,
  senderName: 'Alice',
  allowReplies: true,
});

// 3. Bob's node validates the body, finds and deletes the code before anything else can fail.
const auth = parseAuthRequest(JSON.parse(JSON.stringify(authRequest)));
assert.ok(auth.ok, 'the auth body is valid');
assert.ok(bobsPassCodes.delete(auth.value.pass_code), 'the pass code is known (and now spent)');

// 4. Bob's node proves the request came from a.example: POST https://a.example/openmsg/auth-confirm/.
const authConfirm = parseAuthConfirmRequest({
  receiving_openmsg_address: bob,
  passcode_hash: passcodeHash(auth.value.pass_code, auth.value.sending_openmsg_address, bob),
});
assert.ok(authConfirm.ok);
// 5. Alice's node answers {"success": true} only for its pending handshake (then deletes it).
const confirmed =
  authConfirm.value.receiving_openmsg_address === pendingAtAlice.otherAddress &&
  constantTimeEqual(authConfirm.value.passcode_hash, pendingAtAlice.passcodeHash);
assert.ok(confirmed, "Alice's node confirms the handshake");

// 6. Bob's node makes the three secrets, stores the connection and answers.
const secrets = generateConnectionSecrets();
const authAnswer = {
  success: true,
  auth_code: secrets.authCode,
  ident_code: secrets.identCode,
  message_crypt_key: secrets.messageCryptKey,
  receiving_openmsg_address_name: 'Bob',
};
const bobsConnection = { self: bob, other: alice, ...secrets };

// 7. Alice's node checks the answer and stores the same three secrets.
const answer = authSuccessResponseSchema.parse(authAnswer);
const alicesConnection = {
  self: alice,
  other: bob,
  authCode: answer.auth_code,
  identCode: answer.ident_code,
  messageCryptKey: answer.message_crypt_key,
};
console.log(`connected ${alice} to ${bob} (${answer.receiving_openmsg_address_name})`);

// ---- A message (§3) ----------------------------------------------------------------------------
// 1. Alice's node seals the text, hashes the package, records an outbox entry...
const text = 'Hello Bob! Ünïcödé and emoji 👋 travel fine.';
const sealed = sealMessage(text, alicesConnection.messageCryptKey);
const salt = generateMessageSalt();
const timestamp = unixSeconds();
const hash = messageHash(sealed.messagePackage, alicesConnection.authCode, salt, timestamp);
const alicesOutbox = new Map([[hash, { nonce: sealed.messageNonce, createdAt: timestamp }]]);
// 2. ...and POSTs https://b.example/openmsg/message-receive/.
const receiveBody = buildMessageReceiveRequest({
  receiverId: '2000',
  senderName: 'Alice',
  identCode: alicesConnection.identCode,
  messagePackage: sealed.messagePackage,
  messageHash: hash,
  messageSalt: salt,
  messageTimestamp: timestamp,
});

// 3. Bob's node: valid body, known ident_code, hash recreated with the auth_code, fresh timestamp...
const received = parseMessageReceiveRequest(JSON.parse(JSON.stringify(receiveBody)));
assert.ok(received.ok, 'the message-receive body is valid');
assert.equal(received.value.ident_code, bobsConnection.identCode, 'SM_E001 otherwise');
const expectedHash = messageHash(
  received.value.message_package,
  bobsConnection.authCode,
  received.value.message_salt,
  received.value.message_timestamp.text,
);
assert.ok(constantTimeEqual(expectedHash, received.value.message_hash), 'SM_E004 otherwise');
assert.equal(checkFreshness(received.value.message_timestamp.seconds, unixSeconds()), 'fresh', 'SM_E005 otherwise');

// ...then POSTs https://a.example/openmsg/message-confirm/ (the domain of the stored connection).
const confirm = parseMessageConfirmRequest({
  message_hash: received.value.message_hash,
  message_nonce: packageNonce(received.value.message_package),
});
assert.ok(confirm.ok);
// 4. Alice's node vouches once for an outbox entry with that hash and nonce, not older than 60 s.
const entry = alicesOutbox.get(confirm.value.message_hash);
assert.ok(
  entry && entry.nonce === confirm.value.message_nonce && unixSeconds() - entry.createdAt <= 60,
  'SM_E003 otherwise',
);
alicesOutbox.delete(confirm.value.message_hash);

// Bob's node opens the package (SM_E006 if it does not open), stores it, answers SM_S888.
const opened = openMessage(received.value.message_package, bobsConnection.messageCryptKey);
assert.ok(opened.ok, 'SM_E006 otherwise');
assert.equal(opened.text, text);
console.log(`delivered: ${JSON.stringify({ success: true, response_code: 'SM_S888' })} "${opened.text}"`);

// A tampered package does not open.
const tampered = sealed.messagePackage.slice(0, -2) + (sealed.messagePackage.endsWith('AA') ? 'BA' : 'AA');
assert.equal(openMessage(tampered, bobsConnection.messageCryptKey).ok, false);
console.log('ok');
