import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, readBody } from './loopback-server';
import {
  buildAuthRequest,
  buildMessageReceiveRequest,
  generateConnectionSecrets,
  generateMessageSalt,
  messageHash,
  type MessageReceiveRequestBody,
  passcodeHash,
  sealMessage,
  unixSeconds,
} from '@openmsg/core';

export interface Secrets {
  authCode: string;
  identCode: string;
  messageCryptKey: string;
}

export type ConfirmPolicy = 'known-once' | 'always' | 'never';

/**
 * A scriptable Openmsg peer for tests, speaking real HTTP on loopback: it starts handshakes with a
 * node under test, answers that node's callbacks as told, and sends hand-made message-receive
 * bodies (bad hashes, wrong keys, replays) that a correct node never would.
 */
export class StandInNode extends LoopbackServer {
  private readonly pending = new Set<string>();
  private readonly outbox = new Set<string>();
  confirmPolicy: ConfirmPolicy = 'known-once';
  readonly received: Array<{ path: string; url: string; body: unknown }> = [];
  /** Where the nodes under test listen, for the callbacks this stand-in makes as a receiving node. */
  readonly peerUrls: Record<string, string> = {};
  /** The secrets handed out by the last /auth this stand-in answered. */
  lastIssuedSecrets: Secrets | null = null;
  /** How this stand-in answers message-receive as a receiving node; unset, it knows no such endpoint. */
  onMessageReceive: ((body: Record<string, unknown>) => Promise<{ status?: number; answer: unknown }>) | null = null;

  constructor(readonly domain: string) {
    super();
  }

  address(id: string): string {
    return `${id}*${this.domain}`;
  }

  /** Runs the initiator's half of a handshake against `nodeUrl`. */
  async handshake(
    nodeUrl: string,
    receiverAddress: string,
    passCode: string,
    options: { id?: string; name?: string; allowReplies?: boolean } = {},
  ) {
    const myAddress = this.address(options.id ?? '1');
    this.pending.add(`${receiverAddress}|${passcodeHash(passCode, myAddress, receiverAddress)}`);
    const body = buildAuthRequest({
      receiverId: receiverAddress.split('*')[0]!,
      passCode,
      senderAddress: myAddress,
      senderName: options.name ?? 'Stand In',
      allowReplies: options.allowReplies ?? true,
    });
    return post(`${nodeUrl}/openmsg/auth/`, body);
  }

  /** A correctly made message-receive body; `overrides` bends one part of it. */
  message(
    receiverId: string,
    secrets: Secrets,
    text: string,
    overrides: { timestamp?: number; key?: string; authCode?: string; remember?: boolean } = {},
  ): MessageReceiveRequestBody {
    const sealed = sealMessage(text, overrides.key ?? secrets.messageCryptKey);
    const salt = generateMessageSalt();
    const timestamp = overrides.timestamp ?? unixSeconds();
    const hash = messageHash(sealed.messagePackage, overrides.authCode ?? secrets.authCode, salt, timestamp);
    if (overrides.remember !== false) this.outbox.add(`${hash}|${sealed.messageNonce}`);
    return buildMessageReceiveRequest({
      receiverId,
      senderName: 'Stand In',
      identCode: secrets.identCode,
      messagePackage: sealed.messagePackage,
      messageHash: hash,
      messageSalt: salt,
      messageTimestamp: timestamp,
    });
  }

  /** Calls message-confirm at the node of `domain` (see peerUrls), as a receiving node does before it stores. */
  async confirmWithSender(domain: string, messageHash: string, messageNonce: string): Promise<boolean> {
    const base = this.peerUrls[domain];
    if (!base) throw new Error(`no URL for ${domain}`);
    const confirmed = await post(`${base}/openmsg/message-confirm/`, {
      message_hash: messageHash,
      message_nonce: messageNonce,
    });
    return confirmed.json?.success === true;
  }

  /**
   * Answers /auth as a reference node does for a user without a profile row: it confirms with the
   * initiator's domain, then hands out secrets with `receiving_openmsg_address_name: null`.
   */
  private async answerAuth(body: Record<string, unknown>): Promise<unknown> {
    const initiator = String(body.sending_openmsg_address);
    const receiver = `${String(body.receiving_openmsg_address_id)}*${this.domain}`;
    const base = this.peerUrls[initiator.split('*')[1] ?? ''];
    if (!base) return { error: true, error_message: 'unknown initiator domain' };
    const confirmed = await post(`${base}/openmsg/auth-confirm/`, {
      receiving_openmsg_address: receiver,
      passcode_hash: passcodeHash(String(body.pass_code), initiator, receiver),
    });
    if (confirmed.json?.success !== true) return { error: true, error_message: 'handshake not confirmed' };
    const secrets = generateConnectionSecrets();
    this.lastIssuedSecrets = secrets;
    return {
      success: true,
      auth_code: secrets.authCode,
      ident_code: secrets.identCode,
      message_crypt_key: secrets.messageCryptKey,
      receiving_openmsg_address_name: null,
    };
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = (await readBody(request)).toString('utf8');
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // answered below as an error
    }
    const path = (request.url ?? '').replace(/\/+$/, '');
    this.received.push({ path, url: request.url ?? '', body });
    let answer: unknown = { error: true, error_message: 'unknown endpoint' };
    if (path === '/openmsg/auth') {
      answer = await this.answerAuth(body);
    } else if (path === '/openmsg/auth-confirm') {
      const key = `${String(body.receiving_openmsg_address)}|${String(body.passcode_hash)}`;
      answer = this.pending.delete(key) ? { success: true } : { error: true, error_message: 'no pending handshake' };
    } else if (path === '/openmsg/message-confirm') {
      const key = `${String(body.message_hash)}|${String(body.message_nonce)}`;
      const known = this.confirmPolicy === 'always' || (this.confirmPolicy === 'known-once' && this.outbox.delete(key));
      answer = known
        ? { success: true }
        : { error: true, response_code: 'SM_E003', error_code: 'message_unknown', error_message: 'unknown message' };
    }
    let status = 200;
    if (path === '/openmsg/message-receive' && this.onMessageReceive)
      ({ status = 200, answer } = await this.onMessageReceive(body));
    // Like the reference: JSON with a text/html content type and stray line breaks.
    response.writeHead(status, { 'content-type': 'text/html; charset=UTF-8' });
    response.end(`\r\n${JSON.stringify(answer)}\r\n`);
  }
}

export async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, json, text };
}
