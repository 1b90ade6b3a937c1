import type { Files1Limits, OpenmsgAddress } from '@openmsg/core';
import type { CheckOutcome } from './check-result';
import type { PeerProbe } from './peer-probe';
import type { ProbeRepository } from './probe.repository';

export const PROBE_DISPLAY_NAME = 'Openmsg conformance check';

/** Everything the checks of one check-peer run share; later checks read what earlier ones found. */
export interface PeerRun {
  peer: OpenmsgAddress;
  peerAddress: string;
  passCode: string;
  ourDomain: string;
  probe: PeerProbe;
  store: ProbeRepository;
  account: { id: string; address: string };
  /** The secrets of the connection the handshake made (set by auth.handshake). */
  connection?: {
    authCode: string;
    identCode: string;
    messageCryptKey: string;
    receiverName: unknown;
    pendingId: string;
  };
  /** The outbox placeholder every confirmable test message hangs on. */
  placeholderMessageId?: string;
  /** The first test message, accepted by the peer (set by message.accepted). */
  accepted?: { body: Record<string, unknown>; messagePackage: string; messageNonce: string; messageHash: string };
  /** Test messages the peer stored (answered SM_S888). */
  storedOnPeer: number;
  /** The files-1 limits its success answers announced (set by files-1.announcement); absent: v1.0 only. */
  files1?: Files1Limits;
}

export type Requirement = 'connection' | 'accepted-message' | 'files-1';

/** One check: an id for scripts, a title for people, the docs/PROTOCOL.md section it holds the peer to. */
export interface Check<Run> {
  id: string;
  title: string;
  section: string;
  needs?: Requirement[];
  run(run: Run): Promise<CheckOutcome>;
}

export function meets(run: PeerRun, need: Requirement): boolean {
  if (need === 'files-1') return Boolean(run.files1);
  return need === 'connection' ? Boolean(run.connection) : Boolean(run.accepted);
}
