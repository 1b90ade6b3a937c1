import { generateSecretHex, randomBytes, readPeerOutcome, toBase64Url } from '@openmsg/core';
import type { CheckOutcome } from '../check-result';
import type { PeerProbe } from '../peer-probe';
import type { Check, PeerRun } from '../peer-run';
import { describeRequest, describeResponse } from '../wire-text';

const TRANSPORT = 'docs/PROTOCOL.md "Transport"; "Interoperating with the reference"';
const CLOCK_WARN_SECONDS = 5;
const CLOCK_FAIL_SECONDS = 30;

/** A harmless call: a confirmation for a hash nobody issued. Every node must answer it with an error. */
export function harmlessConfirm() {
  return { message_hash: generateSecretHex(), message_nonce: toBase64Url(randomBytes(24)) };
}

export const noTrailingSlashCheck: Check<PeerRun> = {
  id: 'transport.no-trailing-slash',
  title: 'message-confirm answers directly at /openmsg/message-confirm (no trailing slash)',
  section: TRANSPORT,
  async run(run) {
    return probeNoSlash(run.probe, run.peer.domain);
  },
};

export async function probeNoSlash(probe: PeerProbe, domain: string): Promise<CheckOutcome> {
  const body = harmlessConfirm();
  const response = await probe.post(domain, 'message-confirm', body, 'no-slash');
  const sent = describeRequest(probe.urlOf(domain, 'message-confirm', 'no-slash'), body);
  const received = describeResponse(response);
  const expected = 'optional: HTTP 200 JSON without a redirect (callers use the trailing slash)';
  if (!response.ok)
    return { status: 'WARN', sent, received: `${received}: only the trailing-slash path works`, expected };
  if (readPeerOutcome(response.json).success)
    return { status: 'FAIL', sent, received: `${received}: it confirmed a hash it never issued`, expected };
  if (response.details?.redirected) {
    return {
      status: 'WARN',
      sent,
      received: `${received}, after a redirect: clients that turn a redirected POST into a GET lose the body`,
      expected,
    };
  }
  return { status: 'PASS', sent, received, expected };
}

export const answerFormatCheck: Check<PeerRun> = {
  id: 'transport.answer-format',
  title: 'answers are JSON with Content-Type application/json, without stray whitespace',
  section: TRANSPORT,
  async run(run) {
    return judgeAnswerFormat(run.probe);
  },
};

export function judgeAnswerFormat(probe: PeerProbe): CheckOutcome {
  const sent = `(the ${probe.answers.length} answers of this run)`;
  const expected = 'Content-Type: application/json and a bare JSON body (callers trim and parse anyway)';
  if (probe.answers.length === 0) return { status: 'SKIP', sent, received: 'no answer came back', expected };
  const types = [...new Set(probe.answers.map((answer) => answer.contentType ?? '(none)'))];
  const padded = probe.answers.filter((answer) => answer.padded).length;
  const wrongType = types.filter((type) => !/^application\/json\b/i.test(type));
  const received = `Content-Type ${types.join(', ')}; ${padded} of ${probe.answers.length} bodies wrapped in whitespace`;
  return { status: wrongType.length > 0 || padded > 0 ? 'WARN' : 'PASS', sent, received, expected };
}

export const clockCheck: Check<PeerRun> = {
  id: 'transport.clock',
  title: "the peer's clock (HTTP Date header) agrees with ours",
  section: 'docs/PROTOCOL.md "Time windows" (60 s)',
  async run(run) {
    return judgeClock(run.probe);
  },
};

/** The 60 s windows make a skewed clock fail silently: compare the Date header of each answer with our clock. */
export function judgeClock(probe: PeerProbe): CheckOutcome {
  const sent = '(the Date headers of this run)';
  const expected = `clocks within ${CLOCK_WARN_SECONDS} s (the Date header has 1 s resolution; beyond ${CLOCK_FAIL_SECONDS} s the 60 s windows break)`;
  const skews = probe.answers
    .filter((answer) => answer.date && !Number.isNaN(Date.parse(answer.date)))
    .map((answer) => (Date.parse(answer.date!) - answer.receivedAt) / 1000);
  if (skews.length === 0)
    return { status: 'WARN', sent, received: 'no answer carried a Date header: the skew cannot be told', expected };
  // The header is truncated to whole seconds and written before the answer travels: allow that second.
  const worst = skews.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
  const skew = Math.abs(worst) <= 1.5 ? 0 : Math.round(worst);
  const received =
    skew === 0
      ? 'in step (within the header’s 1 s resolution)'
      : `the peer is ${Math.abs(skew)} s ${skew > 0 ? 'ahead' : 'behind'}`;
  const status = Math.abs(skew) > CLOCK_FAIL_SECONDS ? 'FAIL' : Math.abs(skew) > CLOCK_WARN_SECONDS ? 'WARN' : 'PASS';
  return { status, sent, received, expected };
}
