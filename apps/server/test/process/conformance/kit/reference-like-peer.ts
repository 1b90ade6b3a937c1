import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  generateConnectionSecrets,
  messageHash,
  openMessage,
  packageNonce,
  passcodeHash,
  RESPONSE_CODES,
  type ResponseCode,
  unixSeconds,
} from '@openmsg/core';
import { LoopbackServer, readBody } from '../../../peer-kit/loopback-server';
import { post } from '../../../peer-kit/stand-in-node';

interface Connection {
  otherAddress: string;
  authCode: string;
  identCode: string;
  messageCryptKey: string;
}

/**
 * A receiving node that behaves like the PHP reference where it deviates from what docs/PROTOCOL.md asks
 * of a node built here ("Interoperating with the reference", "Known defects"): only the trailing-slash
 * paths (301 otherwise), JSON as text/html wrapped in \r\n, null receiving name, a crash (HTTP 500)
 * on `sending_allow_replies` false or missing and on a non-numeric timestamp, no replay protection,
 * no future-timestamp check, and a message-confirm that never uses an entry up. Everything else as
 * the protocol says.
 */
export class ReferenceLikePeer extends LoopbackServer {
  private readonly passCodes = new Map<string, string>();
  private readonly connections: Connection[] = [];
  /** Plaintexts stored, per receiving ID. */
  readonly inbox: Array<{ id: string; from: string; text: string }> = [];
  /** Where the other nodes listen (domain → base URL), for the callbacks. */
  readonly peerUrls: Record<string, string> = {};

  constructor(readonly domain: string) {
    super();
  }

  issuePassCode(id: string, code: string): void {
    this.passCodes.set(code, id);
  }

  connectionCount(): number {
    return this.connections.length;
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = (await readBody(request)).toString('utf8');
    const url = request.url ?? '';
    const match = /^\/openmsg\/(?:sandbox\/)?(auth|auth-confirm|message-receive|message-confirm)(\/?)$/.exec(url);
    if (!match) return void response.writeHead(404).end('Not Found');
    if (!match[2]) return void response.writeHead(301, { location: `${url}/` }).end();
    let body: Record<string, any> = {};
    try {
      body = JSON.parse(raw) as Record<string, any>;
    } catch {
      body = {};
    }
    const answer = await this.answer(match[1]!, body);
    if (answer === 'crash') return void response.writeHead(500, { 'content-type': 'text/html; charset=UTF-8' }).end('');
    response.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
    response.end(`\r\n${JSON.stringify(answer)}\r\n`);
  }

  private answer(endpoint: string, body: Record<string, any>): Promise<unknown> | unknown {
    switch (endpoint) {
      case 'auth':
        return this.auth(body);
      case 'auth-confirm':
        return { error: true, error_message: 'no pending handshake' };
      case 'message-receive':
        return this.messageReceive(body);
      default:
        return messageError('SM_E003', 'message_unknown', 'Message not found');
    }
  }

  private async auth(body: Record<string, any>): Promise<unknown> {
    const {
      receiving_openmsg_address_id: id,
      pass_code: passCode,
      sending_openmsg_address: sender,
      sending_openmsg_address_name: name,
    } = body;
    if (!id || !passCode || !sender || !name) return { error: true, error_message: 'missing data' };
    if (this.passCodes.get(String(passCode)) !== String(id))
      return { error: true, error_message: 'pass code not valid' };
    this.passCodes.delete(String(passCode));
    if (body.sending_allow_replies === false || body.sending_allow_replies === undefined) return 'crash';
    const receiver = `${String(id)}*${this.domain}`;
    const base = this.peerUrls[String(sender).split('*')[1] ?? ''];
    if (!base) return { error: true, error_message: 'could not reach the sending node' };
    const confirmed = await post(`${base}/openmsg/auth-confirm/`, {
      receiving_openmsg_address: receiver,
      passcode_hash: passcodeHash(String(passCode), String(sender), receiver),
    });
    if (!confirmed.json?.success) return { error: true, error_message: 'auth-confirm failed' };
    const secrets = generateConnectionSecrets();
    const existing = this.connections.findIndex((connection) => connection.otherAddress === sender);
    const identCode = existing >= 0 ? this.connections[existing]!.identCode : secrets.identCode;
    if (existing >= 0) this.connections.splice(existing, 1);
    this.connections.push({
      otherAddress: String(sender),
      authCode: secrets.authCode,
      identCode,
      messageCryptKey: secrets.messageCryptKey,
    });
    return {
      success: true,
      auth_code: secrets.authCode,
      ident_code: identCode,
      message_crypt_key: secrets.messageCryptKey,
      receiving_openmsg_address_name: null,
    };
  }

  private async messageReceive(body: Record<string, any>): Promise<unknown> {
    const {
      receiving_openmsg_address_id: id,
      ident_code: identCode,
      message_package: pkg,
      message_hash: hash,
      message_salt: salt,
      message_timestamp: timestamp,
    } = body;
    if (!id || !identCode || !pkg || !hash || !salt || !timestamp)
      return messageError('SM_E000', 'message_data_missing', 'Data missing');
    if (!/^\d+$/.test(String(timestamp))) return 'crash';
    const nonce = packageNonce(String(pkg));
    if (!nonce) return 'crash';
    const connection = this.connections.find((candidate) => candidate.identCode === identCode);
    if (!connection) return messageError('SM_E001', 'ident_code_invalid', 'Ident code not valid');
    if (messageHash(String(pkg), connection.authCode, String(salt), String(timestamp)) !== hash)
      return messageError('SM_E004', 'message_hash_invalid', 'Hash invalid');
    if (Number(timestamp) + 60 < unixSeconds()) return messageError('SM_E005', 'message_expired', 'Message expired');
    const base = this.peerUrls[connection.otherAddress.split('*')[1] ?? ''];
    const confirmed = base
      ? await post(`${base}/openmsg/message-confirm/`, { message_hash: hash, message_nonce: nonce })
      : null;
    if (!confirmed?.json?.success) {
      const code =
        confirmed?.json?.response_code in RESPONSE_CODES ? (confirmed!.json.response_code as ResponseCode) : 'SM_E003';
      return messageError(code, 'message_unknown', 'Message could not be confirmed');
    }
    const opened = openMessage(String(pkg), connection.messageCryptKey);
    if (!opened.ok) return messageError('SM_E006', 'message_decryption_error', 'Could not decrypt');
    this.inbox.push({ id: String(id), from: connection.otherAddress, text: opened.text });
    return { success: true, response_code: 'SM_S888' };
  }
}

function messageError(code: ResponseCode, errorCode: string, message: string) {
  return { error: true, response_code: code, error_code: errorCode, error_message: message };
}
