import {
  buildMessageReceiveRequest,
  fromBase64Url,
  generateMessageSalt,
  generateSecretHex,
  messageHash,
  readPeerOutcome,
  sealMessage,
  toBase64Url,
  unixSeconds,
} from '@openmsg/core';
import type { PeerResponse } from '../../peers/peer-response';
import type { CheckOutcome, CheckStatus } from '../check-result';
import { type Check, PROBE_DISPLAY_NAME, type PeerRun } from '../peer-run';
import { describeRequest, describeResponse } from '../wire-text';

const SENDING = 'docs/PROTOCOL.md §3 "Sending a message", step 3';
const REPLAY = 'docs/PROTOCOL.md "Beyond the reference: Replay"';

interface Probe {
  /** Seal this text (default: a labelled test text that should never be stored). */
  text?: string;
  /** Re-send this sealed package instead of sealing a new one. */
  samePackage?: string;
  timestamp?: number | string;
  authCode?: string;
  identCode?: string;
  corrupt?: boolean;
  /** Put the hash in our outbox, so our node's message-confirm vouches for it. */
  confirmable: boolean;
}

interface Sent {
  body: Record<string, unknown>;
  hash: string;
  nonce: string;
  messagePackage: string;
  response: PeerResponse;
  sent: string;
  received: string;
}

function label(run: PeerRun, what: string): string {
  return `[Openmsg conformance check from ${run.ourDomain}] ${what}. Safe to delete.`;
}

async function send(run: PeerRun, probe: Probe): Promise<Sent> {
  const connection = run.connection!;
  let messagePackage =
    probe.samePackage ??
    sealMessage(probe.text ?? label(run, 'this message should have been refused'), connection.messageCryptKey)
      .messagePackage;
  const bytes = fromBase64Url(messagePackage);
  const nonce = toBase64Url(bytes.subarray(0, 24));
  if (probe.corrupt) {
    bytes[bytes.length - 1]! ^= 0xff;
    messagePackage = toBase64Url(bytes);
  }
  const salt = generateMessageSalt();
  const timestamp = probe.timestamp ?? unixSeconds();
  const hash = messageHash(messagePackage, probe.authCode ?? connection.authCode, salt, timestamp);
  if (probe.confirmable) await run.store.addOutboxEntry(run.placeholderMessageId!, hash, nonce);
  const body = buildMessageReceiveRequest({
    receiverId: run.peer.id,
    senderName: PROBE_DISPLAY_NAME,
    identCode: probe.identCode ?? connection.identCode,
    messagePackage,
    messageHash: hash,
    messageSalt: salt,
    messageTimestamp: timestamp as number,
  }) as unknown as Record<string, unknown>;
  const response = await run.probe.post(run.peer.domain, 'message-receive', body);
  if (response.ok && readPeerOutcome(response.json).responseCode === 'SM_S888') run.storedOnPeer++;
  return {
    body,
    hash,
    nonce,
    messagePackage,
    response,
    sent: describeRequest(run.probe.urlOf(run.peer.domain, 'message-receive'), body),
    received: describeResponse(response),
  };
}

function codeOf(response: PeerResponse): string | null {
  return response.ok ? readPeerOutcome(response.json).responseCode : null;
}

/** The usual verdict: the expected code passes, SM_S888 (stored!) fails, anything else fails with what came. */
function verdict(
  sent: Sent,
  expectedCode: string,
  expected: string,
  otherwise: CheckStatus = 'FAIL',
  note = '',
): CheckOutcome {
  const code = codeOf(sent.response);
  if (code === expectedCode) return { status: 'PASS', sent: sent.sent, received: sent.received, expected };
  if (code === 'SM_S888')
    return { status: 'FAIL', sent: sent.sent, received: `${sent.received}: the peer stored it`, expected };
  return {
    status: sent.response.ok ? otherwise : 'FAIL',
    sent: sent.sent,
    received: `${sent.received}${note}`,
    expected,
  };
}

export const acceptedCheck: Check<PeerRun> = {
  id: 'message.accepted',
  title: 'a test message is accepted (SM_S888) after the peer calls our message-confirm',
  section: SENDING,
  needs: ['connection'],
  async run(run) {
    const text = label(run, 'test message 1: a well-formed message');
    const sealed = sealMessage(text, run.connection!.messageCryptKey);
    const sent = await send(run, { samePackage: sealed.messagePackage, confirmable: true });
    const expected =
      'a callback to our message-confirm with this hash and nonce, then HTTP 200 {"success":true,"response_code":"SM_S888"}';
    const confirmed = await run.store.wasConfirmed(sent.hash);
    if (codeOf(sent.response) !== 'SM_S888')
      return { status: 'FAIL', sent: sent.sent, received: sent.received, expected };
    run.accepted = {
      body: sent.body,
      messagePackage: sent.messagePackage,
      messageNonce: sent.nonce,
      messageHash: sent.hash,
    };
    if (!confirmed)
      return {
        status: 'FAIL',
        sent: sent.sent,
        received: `${sent.received}, without calling our message-confirm`,
        expected,
      };
    return { status: 'PASS', sent: sent.sent, received: `${sent.received}; our message-confirm was called`, expected };
  },
};

export const replayExactCheck: Check<PeerRun> = {
  id: 'message.replay-exact',
  title: 'the same message-receive body sent again is refused',
  section: REPLAY,
  needs: ['accepted-message'],
  async run(run) {
    const body = run.accepted!.body;
    const response = await run.probe.post(run.peer.domain, 'message-receive', body);
    const sent = describeRequest(run.probe.urlOf(run.peer.domain, 'message-receive'), body);
    const received = describeResponse(response);
    const expected =
      'SM_E007 (nonce used), or SM_E003 when it asks our message-confirm first (we confirm each hash once)';
    const code = codeOf(response);
    if (code === 'SM_E007' || code === 'SM_E003') return { status: 'PASS', sent, received, expected };
    if (code === 'SM_S888') run.storedOnPeer++;
    return { status: 'FAIL', sent, received: code === 'SM_S888' ? `${received}: stored twice` : received, expected };
  },
};

export const replaySamePackageCheck: Check<PeerRun> = {
  id: 'message.replay-same-package',
  title: 'the same sealed package (same nonce) with a fresh salt, timestamp and hash is refused as a replay (SM_E007)',
  section: REPLAY,
  needs: ['accepted-message'],
  async run(run) {
    // Our message-confirm vouches for this new hash, so only the peer's own replay protection can stop it.
    const sent = await send(run, { samePackage: run.accepted!.messagePackage, confirmable: true });
    const expected = 'HTTP 200 {"error":true,"response_code":"SM_E007"}: the nonce was used before on this connection';
    if (codeOf(sent.response) === 'SM_S888') {
      return {
        status: 'FAIL',
        sent: sent.sent,
        received: `${sent.received}: no replay protection, the same sealed message was stored twice`,
        expected,
      };
    }
    return verdict(sent, 'SM_E007', expected);
  },
};

export const staleTimestampCheck: Check<PeerRun> = {
  id: 'message.stale-timestamp',
  title: 'a message timestamped 5 minutes ago is refused (SM_E005)',
  section: SENDING,
  needs: ['connection'],
  async run(run) {
    const sent = await send(run, { timestamp: unixSeconds() - 300, confirmable: false });
    return verdict(sent, 'SM_E005', 'HTTP 200 {"error":true,"response_code":"SM_E005"} (message_timestamp + 60 < now)');
  },
};

export const futureTimestampCheck: Check<PeerRun> = {
  id: 'message.future-timestamp',
  title: 'a message timestamped 5 minutes ahead is refused (SM_E005)',
  section: 'docs/PROTOCOL.md "Beyond the reference: Replay" (reject timestamps in the future)',
  needs: ['connection'],
  async run(run) {
    // Not confirmable: a peer that lets it through reaches our message-confirm, is refused, and stores nothing.
    const sent = await send(run, { timestamp: unixSeconds() + 300, confirmable: false });
    const note =
      codeOf(sent.response) === 'SM_E003'
        ? ': it let the future timestamp through; only our message-confirm stopped it'
        : '';
    return verdict(
      sent,
      'SM_E005',
      'HTTP 200 {"error":true,"response_code":"SM_E005"} before any callback',
      'WARN',
      note,
    );
  },
};

export const wrongHashCheck: Check<PeerRun> = {
  id: 'message.wrong-hash',
  title: 'a message whose hash was made with another auth_code is refused (SM_E004)',
  section: SENDING,
  needs: ['connection'],
  async run(run) {
    const sent = await send(run, { authCode: generateSecretHex(), confirmable: false });
    return verdict(sent, 'SM_E004', 'HTTP 200 {"error":true,"response_code":"SM_E004"}');
  },
};

export const corruptPackageCheck: Check<PeerRun> = {
  id: 'message.corrupt-package',
  title: 'a package with a flipped ciphertext byte (hash correct, confirmed by us) is refused (SM_E006)',
  section: SENDING,
  needs: ['connection'],
  async run(run) {
    const sent = await send(run, { corrupt: true, confirmable: true });
    return verdict(sent, 'SM_E006', 'HTTP 200 {"error":true,"response_code":"SM_E006"}: the package does not open');
  },
};

export const unknownIdentCheck: Check<PeerRun> = {
  id: 'message.unknown-ident',
  title: 'a message with an ident_code the peer never issued is refused (SM_E001)',
  section: SENDING,
  needs: ['connection'],
  async run(run) {
    const sent = await send(run, { identCode: generateSecretHex(), confirmable: false });
    return verdict(sent, 'SM_E001', 'HTTP 200 {"error":true,"response_code":"SM_E001"}');
  },
};

export const malformedTimestampCheck: Check<PeerRun> = {
  id: 'message.malformed-timestamp',
  title: 'a non-numeric message_timestamp gets a protocol error, not a crash',
  section: 'docs/PROTOCOL.md "Beyond the reference: Input"; "Known defects of the reference"',
  needs: ['connection'],
  async run(run) {
    const sent = await send(run, { timestamp: 'yesterday', confirmable: false });
    const expected = 'HTTP 200 {"error":true,"response_code":"SM_E000",...}';
    const code = codeOf(sent.response);
    if (code === 'SM_S888')
      return { status: 'FAIL', sent: sent.sent, received: `${sent.received}: the peer stored it`, expected };
    if (sent.response.ok && !readPeerOutcome(sent.response.json).success)
      return { status: code === 'SM_E000' ? 'PASS' : 'WARN', sent: sent.sent, received: sent.received, expected };
    return { status: 'WARN', sent: sent.sent, received: sent.received, expected };
  },
};
