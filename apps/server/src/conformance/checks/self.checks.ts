import {
  FEDERATION_ENDPOINT_NAMES,
  type FederationEndpointName,
  federationEndpoints,
  federationPath,
  type FederationPathForm,
  readPeerOutcome,
} from '@openmsg/core';
import { classifyPeerAddress } from '../../peers/ip-policy';
import type { PeerResponse } from '../../peers/peer-response';
import { resolveWithSystemDns } from '../../peers/resolve-host';
import type { CheckOutcome } from '../check-result';
import type { Deadline } from '../deadline';
import type { PeerProbe } from '../peer-probe';
import type { Check } from '../peer-run';
import { describeRequest, describeResponse } from '../wire-text';
import { selfFiles1Check } from './files-1.checks';
import { checkTls } from './tls.check';
import { harmlessConfirm, judgeAnswerFormat, judgeClock } from './transport.checks';

/** One check-self run: this node's own domain, called as any peer would call it. */
export interface SelfRun {
  domain: string;
  probe: PeerProbe;
  deadline: Deadline;
}

const TRANSPORT = 'docs/PROTOCOL.md "Transport"';

export const selfDnsCheck: Check<SelfRun> = {
  id: 'self.dns',
  title: "this node's domain resolves to public addresses",
  section: TRANSPORT,
  async run(run) {
    const sent = `DNS lookup of ${run.domain}`;
    const expected = 'one or more public IPv4/IPv6 addresses (peers refuse private ones)';
    const url = run.probe.urlOf(run.domain, 'auth');
    if (url.hostname !== run.domain) {
      return {
        status: 'WARN',
        sent,
        received: `OPENMSG_PEER_OVERRIDES sends ${run.domain} to ${url.origin} on this machine; other nodes use DNS`,
        expected,
      };
    }
    try {
      const answers = await run.deadline.race(resolveWithSystemDns(run.domain), () => {
        throw new Error('no answer before the time limit');
      });
      const list = answers.map((answer) => answer.address).join(', ');
      const private_ = answers.filter((answer) => !classifyPeerAddress(answer.address).allowed);
      if (answers.length === 0) return { status: 'FAIL', sent, received: 'no address', expected };
      if (private_.length > 0)
        return {
          status: 'FAIL',
          sent,
          received: `${list}: not public (${private_.map((answer) => answer.address).join(', ')})`,
          expected,
        };
      return { status: 'PASS', sent, received: list, expected };
    } catch (error) {
      return {
        status: 'FAIL',
        sent,
        received: `does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
        expected,
      };
    }
  },
};

export const selfTlsCheck: Check<SelfRun> = {
  id: 'self.tls',
  title: "HTTPS with a certificate valid for this node's domain",
  section: TRANSPORT,
  run: (run) => checkTls(run.probe.client, run.domain, Math.min(10_000, run.deadline.remainingMs)),
};

/** Bodies every endpoint must answer with a protocol error (HTTP 200 JSON) and no side effect. */
const HARMLESS_BODIES: { [N in FederationEndpointName]: (domain: string) => unknown } = {
  auth: () => ({}),
  'auth-confirm': (domain) => ({
    receiving_openmsg_address: `0*${domain}`,
    passcode_hash: harmlessConfirm().message_hash,
  }),
  'message-receive': () => ({}),
  'message-confirm': () => harmlessConfirm(),
};

const FORMS: Array<{ form: FederationPathForm; required: boolean }> = [
  { form: 'standard', required: true },
  { form: 'no-slash', required: false },
  { form: 'sandbox', required: false },
];

function endpointCheck(endpoint: FederationEndpointName): Check<SelfRun> {
  return {
    id: `self.endpoint.${endpoint}`,
    title: `${federationPath(endpoint)} answers as a peer sees it (with and without the slash, and under ${federationPath(endpoint, 'sandbox')})`,
    section: TRANSPORT,
    async run(run) {
      const sent: string[] = [];
      const received: string[] = [];
      let status: CheckOutcome['status'] = 'PASS';
      for (const { form, required } of FORMS) {
        const body = HARMLESS_BODIES[endpoint](run.domain);
        const response = await run.probe.post(run.domain, endpoint, body, form);
        sent.push(describeRequest(run.probe.urlOf(run.domain, endpoint, form), body));
        received.push(`${form}: ${describeResponse(response)}`);
        const problem = judgeEndpointAnswer(endpoint, response);
        if (problem) {
          received.push(`(${problem})`);
          status = required ? 'FAIL' : status === 'PASS' ? 'WARN' : status;
        }
      }
      return {
        status,
        sent: sent.join(' | '),
        received: received.join(' | '),
        expected: 'HTTP 200, Content-Type application/json, a JSON protocol error for these harmless bodies',
      };
    },
  };
}

function judgeEndpointAnswer(endpoint: FederationEndpointName, response: PeerResponse): string | null {
  if (!response.ok) return 'not answered with HTTP 200 JSON';
  const outcome = readPeerOutcome(response.json);
  if (outcome.success) return 'a harmless body was answered with success';
  const codes = federationEndpoints[endpoint].responseCodes;
  if (codes.length > 0 && (outcome.responseCode === null || !codes.includes(outcome.responseCode))) {
    return `the error carries no response_code of this endpoint (${codes.join(', ')})`;
  }
  if (!/^application\/json\b/i.test(response.details?.contentType ?? '')) return 'Content-Type is not application/json';
  if (response.details?.redirected) return 'answered after a redirect';
  return null;
}

export const selfAnswerFormatCheck: Check<SelfRun> = {
  id: 'self.answer-format',
  title: 'answers are JSON with Content-Type application/json, without stray whitespace',
  section: TRANSPORT,
  run: async (run) => judgeAnswerFormat(run.probe),
};

export const selfClockCheck: Check<SelfRun> = {
  id: 'self.clock',
  title: "the node's clock (HTTP Date header) agrees with this machine's",
  section: 'docs/PROTOCOL.md "Time windows" (60 s)',
  run: async (run) => judgeClock(run.probe),
};

export const SELF_CHECKS: Array<Check<SelfRun>> = [
  selfDnsCheck,
  selfTlsCheck,
  ...FEDERATION_ENDPOINT_NAMES.map(endpointCheck),
  selfFiles1Check,
  selfAnswerFormatCheck,
  selfClockCheck,
];
