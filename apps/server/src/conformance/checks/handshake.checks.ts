import { buildAuthRequest, HEX_64, isValidDisplayName, passcodeHash, readPeerOutcome } from '@openmsg/core';
import type { CheckOutcome } from '../check-result';
import { type Check, PROBE_DISPLAY_NAME, type PeerRun } from '../peer-run';
import { describeRequest, describeResponse } from '../wire-text';

const HANDSHAKE = 'docs/PROTOCOL.md §2 "The handshake"';

/** The real handshake: the supplied pass code is used once, here; every later check uses the connection it made. */
export const handshakeCheck: Check<PeerRun> = {
  id: 'auth.handshake',
  title: '/auth/ with the supplied pass code answers success and three 64-hex secrets',
  section: `${HANDSHAKE}, steps 2-6`,
  async run(run) {
    const expected =
      'HTTP 200 {"success":true,"auth_code":<64 hex>,"ident_code":<64 hex>,"message_crypt_key":<64 hex>,"receiving_openmsg_address_name":...}';
    const hash = passcodeHash(run.passCode, run.account.address, run.peerAddress);
    const pendingId = await run.store.addPendingHandshake(run.account.id, run.peerAddress, hash);
    const body = buildAuthRequest({
      receiverId: run.peer.id,
      passCode: run.passCode,
      senderAddress: run.account.address,
      senderName: PROBE_DISPLAY_NAME,
      allowReplies: true,
    });
    const sent = describeRequest(run.probe.urlOf(run.peer.domain, 'auth'), body);
    const response = await run.probe.post(run.peer.domain, 'auth', body);
    const received = describeResponse(response);
    if (!response.ok) return { status: 'FAIL', sent, received, expected };
    const outcome = readPeerOutcome(response.json);
    if (!outcome.success) {
      return {
        status: 'FAIL',
        sent,
        received: `${received} (refused: is the pass code right, unused and under an hour old? is this node reachable at ${run.ourDomain} for the callback?)`,
        expected,
      };
    }
    const answer = response.json as Record<string, unknown>;
    const malformed = ['auth_code', 'ident_code', 'message_crypt_key'].filter(
      (field) => typeof answer[field] !== 'string' || !HEX_64.test(answer[field]),
    );
    if (malformed.length > 0)
      return { status: 'FAIL', sent, received: `${received}; not 64 lowercase hex: ${malformed.join(', ')}`, expected };
    const [authCode, identCode, messageCryptKey] = [
      answer.auth_code,
      answer.ident_code,
      answer.message_crypt_key,
    ] as string[];
    run.connection = {
      authCode: authCode!,
      identCode: identCode!,
      messageCryptKey: messageCryptKey!,
      receiverName: answer.receiving_openmsg_address_name,
      pendingId,
    };
    if (new Set([authCode, identCode, messageCryptKey]).size < 3)
      return {
        status: 'FAIL',
        sent,
        received: `${received}; two of the secrets are equal`,
        expected: 'three independent random secrets',
      };
    return { status: 'PASS', sent, received, expected };
  },
};

export const authCallbackCheck: Check<PeerRun> = {
  id: 'auth.callback',
  title: 'the peer called our auth-confirm with sha256(pass_code + our address + its address) before answering',
  section: `${HANDSHAKE}, steps 4-5`,
  needs: ['connection'],
  async run(run) {
    const called = !(await run.store.pendingHandshakeExists(run.connection!.pendingId));
    const sent = `(our node waited for POST https://${run.ourDomain}/openmsg/auth-confirm/)`;
    const expected = `a callback {"receiving_openmsg_address":"${run.peerAddress}","passcode_hash":<sha256>} that our node confirmed`;
    if (called) return { status: 'PASS', sent, received: 'our node confirmed the pending handshake', expected };
    return {
      status: 'FAIL',
      sent,
      received:
        'the pending handshake was never confirmed: the peer answered success without proving the request came from our domain',
      expected,
    };
  },
};

export const receiverNameCheck: Check<PeerRun> = {
  id: 'auth.receiver-name',
  title: 'the /auth/ answer names the receiving user (receiving_openmsg_address_name)',
  section: `${HANDSHAKE}, step 6; "Interoperating with the reference"`,
  needs: ['connection'],
  async run(run) {
    const name = run.connection!.receiverName;
    const sent = '(read from the auth.handshake answer)';
    const expected = 'a display name of 1-40 letters, digits, spaces and common punctuation';
    if (typeof name === 'string' && isValidDisplayName(name))
      return { status: 'PASS', sent, received: JSON.stringify(name), expected };
    const note =
      name === null || name === undefined
        ? ' (the reference sends null for a user without a profile; callers fall back to the address)'
        : '';
    return { status: 'WARN', sent, received: `${JSON.stringify(name ?? null)}${note}`, expected };
  },
};

/** Runs after the real handshake, so it can never spend the real pass code. */
export const wrongPassCodeCheck: Check<PeerRun> = {
  id: 'auth.wrong-pass-code',
  title: 'a wrong pass code is refused, with no callback to our auth-confirm',
  section: `${HANDSHAKE}, step 3`,
  async run(run) {
    const wrongCode = String((Number(run.passCode) + 500_001) % 1_000_000).padStart(6, '0');
    const pendingId = await run.store.addPendingHandshake(
      run.account.id,
      run.peerAddress,
      passcodeHash(wrongCode, run.account.address, run.peerAddress),
    );
    try {
      const body = buildAuthRequest({
        receiverId: run.peer.id,
        passCode: wrongCode,
        senderAddress: run.account.address,
        senderName: PROBE_DISPLAY_NAME,
        allowReplies: true,
      });
      const sent = describeRequest(run.probe.urlOf(run.peer.domain, 'auth'), body);
      const response = await run.probe.post(run.peer.domain, 'auth', body);
      const received = describeResponse(response);
      const expected = 'HTTP 200 {"error":true,"error_message":...} and no call to our auth-confirm';
      if (!response.ok) return { status: 'FAIL', sent, received, expected };
      if (readPeerOutcome(response.json).success)
        return { status: 'FAIL', sent, received: `${received}: a wrong pass code was accepted`, expected };
      if (!(await run.store.pendingHandshakeExists(pendingId)))
        return { status: 'FAIL', sent, received: `${received}, but it called our auth-confirm first`, expected };
      return { status: 'PASS', sent, received, expected } satisfies CheckOutcome;
    } finally {
      await run.store.removePendingHandshake(pendingId);
    }
  },
};
