import {
  buildFiles1FetchRequest,
  buildFiles1ReceiptRequest,
  EXTENSIONS_FIELD,
  FILES_1_ERRORS,
  FILES_1_FETCH_PATH,
  FILES_1_RECEIPT_PATH,
  type Files1ErrorCode,
  generateSecretHex,
} from '@openmsg/core';
import type { PeerResponse } from '../../peers/peer-response';
import type { CheckOutcome } from '../check-result';
import type { Check, PeerRun } from '../peer-run';
import type { SelfRun } from './self.checks';
import { describeRequest, describeResponse } from '../wire-text';

const DISCOVERY = 'docs/extensions/files.md §1 "Discovery"';
const FETCH = 'docs/extensions/files.md §4 "Fetching a file"';
const RECEIPT = 'docs/extensions/files.md §8 "Receipt"';
/** A file id no node gave out: the checker never asks for a real file (it holds none on the peer). */
const PROBE_FILE_ID = 'openmsg-conformance-probe';
const HOUR_MS = 3_600_000;

/**
 * What the peer announced in its success answers so far (the handshake's `auth`, the test message's SM_S888).
 * files-1 is optional: a peer without it gets INFO, never FAIL, and the checks of its endpoints are not run.
 */
export const files1AnnouncementCheck: Check<PeerRun> = {
  id: 'files-1.announcement',
  title: 'files-1: what the peer announces in its success answers (optional extension)',
  section: DISCOVERY,
  needs: ['connection'],
  async run(run) {
    const seen = run.probe.announcements;
    const sent = `the success answers of this run: ${seen.map((answer) => answer.endpoint).join(', ') || 'none'}`;
    const expected =
      'either no openmsg_extensions (v1.0 only: files go to it as links, long letters in parts) or a valid files-1 announcement in every success answer';
    const announcing = seen.filter((answer) => answer.files1);
    const carryingField = seen.filter((answer) => answer.hasField);
    const last = seen.at(-1);
    if (carryingField.length === 0)
      return {
        status: 'INFO',
        sent,
        received: `no ${EXTENSIONS_FIELD}: files-1 not supported (files go to it as download links, long letters in parts of 2000 characters)`,
        expected,
      };
    if (announcing.length === 0)
      return {
        status: 'WARN',
        sent,
        received: `${EXTENSIONS_FIELD} present but without a valid files-1 (a parameter missing or below its minimum): read as not supported`,
        expected,
      };
    const limits = announcing.at(-1)!.files1!;
    run.files1 = last?.files1 ?? undefined;
    const received = `files-1: max_file_bytes ${limits.maxFileBytes}, max_text_chars ${limits.maxTextChars}, max_files ${limits.maxFiles}; in ${announcing.map((answer) => answer.endpoint).join(', ')}`;
    if (announcing.length < seen.length)
      return {
        status: 'WARN',
        sent,
        received: `${received}; missing from ${seen
          .filter((answer) => !answer.files1)
          .map((answer) => answer.endpoint)
          .join(', ')} (a peer replaces what it knows at every success answer: it would see files-1 come and go)`,
        expected,
      };
    return { status: 'PASS', sent, received, expected };
  },
};

interface Refusal {
  id: string;
  title: string;
  section: string;
  path: string;
  code: Files1ErrorCode;
  /**
   * Also right: a receipt's hash covers the file's SHA-256, which a node knows only for a file it sent on the
   * connection; for the checker's made-up file it may answer file_unknown before it can check hash or time.
   */
  orUnknownFile?: boolean;
  body(run: PeerRun): unknown;
}

const wrongAuthCode = () => generateSecretHex();
const anHourAgo = () => new Date(Date.now() - HOUR_MS);

function fetchBody(run: PeerRun, change: { authCode?: string; identCode?: string; now?: Date; fileId?: string }) {
  const connection = run.connection!;
  return buildFiles1FetchRequest({
    identCode: change.identCode ?? connection.identCode,
    authCode: change.authCode ?? connection.authCode,
    fileId: change.fileId ?? PROBE_FILE_ID,
    fromChunk: 0,
    now: change.now,
  });
}

function receiptBody(run: PeerRun, change: { authCode?: string; identCode?: string; now?: Date }) {
  const connection = run.connection!;
  return buildFiles1ReceiptRequest({
    identCode: change.identCode ?? connection.identCode,
    authCode: change.authCode ?? connection.authCode,
    fileId: PROBE_FILE_ID,
    fileSha256: generateSecretHex(),
    status: 'stored',
    now: change.now,
  });
}

const REFUSALS: Refusal[] = [
  {
    id: 'files-1.fetch.wrong-hash',
    title: 'files-1: a fetch whose fetch_hash does not match is refused',
    section: FETCH,
    path: FILES_1_FETCH_PATH,
    code: 'FL_E004',
    body: (run) => fetchBody(run, { authCode: wrongAuthCode() }),
  },
  {
    id: 'files-1.fetch.stale-timestamp',
    title: 'files-1: a fetch timestamped an hour ago is refused',
    section: FETCH,
    path: FILES_1_FETCH_PATH,
    code: 'FL_E005',
    body: (run) => fetchBody(run, { now: anHourAgo() }),
  },
  {
    id: 'files-1.fetch.unknown-ident',
    title: 'files-1: a fetch for a connection the peer does not have is refused',
    section: FETCH,
    path: FILES_1_FETCH_PATH,
    code: 'FL_E001',
    body: (run) => fetchBody(run, { identCode: generateSecretHex() }),
  },
  {
    id: 'files-1.fetch.unknown-file',
    title: 'files-1: a well-formed fetch for a file never sent on the connection is answered file_unknown',
    section: FETCH,
    path: FILES_1_FETCH_PATH,
    code: 'FL_E002',
    body: (run) => fetchBody(run, {}),
  },
  {
    id: 'files-1.receipt.wrong-hash',
    title: 'files-1: a receipt whose receipt_hash does not match is refused',
    section: RECEIPT,
    path: FILES_1_RECEIPT_PATH,
    code: 'FL_E004',
    orUnknownFile: true,
    body: (run) => receiptBody(run, { authCode: wrongAuthCode() }),
  },
  {
    id: 'files-1.receipt.stale-timestamp',
    title: 'files-1: a receipt timestamped an hour ago is refused',
    section: RECEIPT,
    path: FILES_1_RECEIPT_PATH,
    code: 'FL_E005',
    orUnknownFile: true,
    body: (run) => receiptBody(run, { now: anHourAgo() }),
  },
  {
    id: 'files-1.receipt.unknown-ident',
    title: 'files-1: a receipt for a connection the peer does not have is refused',
    section: RECEIPT,
    path: FILES_1_RECEIPT_PATH,
    code: 'FL_E001',
    body: (run) => receiptBody(run, { identCode: generateSecretHex() }),
  },
];

/** Refused with the table's status and response_code (one of `codes`); anything accepted, or refused otherwise, fails. */
export function judgeFiles1Refusal(response: PeerResponse, ...codes: Files1ErrorCode[]): CheckOutcome['status'] {
  if (response.ok || response.kind !== 'http_status') return 'FAIL';
  const answered = (response.json as { response_code?: unknown } | undefined)?.response_code;
  return codes.some((code) => response.status === FILES_1_ERRORS[code].status && answered === code) ? 'PASS' : 'FAIL';
}

function refusalCheck(refusal: Refusal): Check<PeerRun> {
  return {
    id: refusal.id,
    title: refusal.title,
    section: refusal.section,
    needs: ['connection', 'files-1'],
    async run(run) {
      const body = refusal.body(run);
      const response = await run.probe.postAt(run.peer.domain, refusal.path, body);
      const codes: Files1ErrorCode[] = refusal.orUnknownFile ? [refusal.code, 'FL_E002'] : [refusal.code];
      return {
        status: judgeFiles1Refusal(response, ...codes),
        sent: describeRequest(run.probe.urlAt(run.peer.domain, refusal.path), body),
        received: describeResponse(response),
        expected: codes
          .map((code) => {
            const { status, errorCode } = FILES_1_ERRORS[code];
            return `HTTP ${status} {"error":true,"response_code":"${code}","error_code":"${errorCode}",...}`;
          })
          .join(' or (the file being unknown to it) '),
      };
    },
  };
}

/** Run after the message checks: by then the peer has answered `auth` and `message-receive` successfully. */
export const FILES_1_PEER_CHECKS: Array<Check<PeerRun>> = [files1AnnouncementCheck, ...REFUSALS.map(refusalCheck)];

/**
 * check-self: this node's files-1 fetch endpoint as a peer reaches it. A fetch for a connection that does not exist
 * must be refused FL_E001; a node with files switched off answers its paths as unknown (404), which is INFO.
 */
export const selfFiles1Check: Check<SelfRun> = {
  id: 'self.files-1',
  title: `files-1: ${FILES_1_FETCH_PATH} answers a peer (optional extension)`,
  section: FETCH,
  async run(run) {
    const body = buildFiles1FetchRequest({
      identCode: generateSecretHex(),
      authCode: generateSecretHex(),
      fileId: PROBE_FILE_ID,
      fromChunk: 0,
    });
    const response = await run.probe.postAt(run.domain, FILES_1_FETCH_PATH, body);
    const sent = describeRequest(run.probe.urlAt(run.domain, FILES_1_FETCH_PATH), body);
    const received = describeResponse(response);
    const expected = `HTTP 403 {"response_code":"FL_E001",...} with files on; without files-1, no such path (404)`;
    if (judgeFiles1Refusal(response, 'FL_E001') === 'PASS') return { status: 'PASS', sent, received, expected };
    const answered = response.ok ? null : (response.json as { response_code?: unknown } | undefined)?.response_code;
    if (!response.ok && response.status === 404 && answered === undefined)
      return { status: 'INFO', sent, received: `${received}: files-1 not served (OPENMSG_FILES is off)`, expected };
    return { status: 'FAIL', sent, received, expected };
  },
};
