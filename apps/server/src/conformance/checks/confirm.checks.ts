import { generateSecretHex, randomBytes, readPeerOutcome, toBase64Url } from '@openmsg/core';
import type { CheckOutcome } from '../check-result';
import type { Check, PeerRun } from '../peer-run';
import { describeRequest, describeResponse } from '../wire-text';

/** Its message-confirm must vouch only for hashes it issued: a random one, and the hash of a message we sent it. */
export const confirmOnlyIssuedCheck: Check<PeerRun> = {
  id: 'confirm.only-issued',
  title: "the peer's message-confirm refuses hashes it did not issue (SM_E003)",
  section: 'docs/PROTOCOL.md §3 "Sending a message", step 4',
  async run(run) {
    const probes = [{ message_hash: generateSecretHex(), message_nonce: toBase64Url(randomBytes(24)) }];
    if (run.accepted) probes.push({ message_hash: run.accepted.messageHash, message_nonce: run.accepted.messageNonce });
    const expected = 'HTTP 200 {"error":true,"response_code":"SM_E003","error_code":"message_unknown",...}';
    const sent: string[] = [];
    const received: string[] = [];
    let status: CheckOutcome['status'] = 'PASS';
    for (const body of probes) {
      const response = await run.probe.post(run.peer.domain, 'message-confirm', body);
      sent.push(describeRequest(run.probe.urlOf(run.peer.domain, 'message-confirm'), body));
      received.push(describeResponse(response));
      if (!response.ok) {
        status = 'FAIL';
        continue;
      }
      const outcome = readPeerOutcome(response.json);
      if (outcome.success) {
        status = 'FAIL';
        received.push('(it confirmed a hash it never issued)');
      } else if (outcome.responseCode !== 'SM_E003' && status === 'PASS') status = 'WARN';
    }
    return { status, sent: sent.join(' | '), received: received.join(' | '), expected };
  },
};
