import { Inject, Injectable } from '@nestjs/common';
import { formatAddress, type OpenmsgAddress, randomInt } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PeerClient } from '../peers/peer-client';
import { PEER_CLIENT_DEFAULTS, PEER_CLIENT_OPTIONS, type PeerClientOptions } from '../peers/peer-client-options';
import { type CheckResult, type ConformanceReport, summarize } from './check-result';
import { authCallbackCheck, handshakeCheck, receiverNameCheck, wrongPassCodeCheck } from './checks/handshake.checks';
import { confirmOnlyIssuedCheck } from './checks/confirm.checks';
import { FILES_1_PEER_CHECKS } from './checks/files-1.checks';
import {
  acceptedCheck,
  corruptPackageCheck,
  futureTimestampCheck,
  malformedTimestampCheck,
  replayExactCheck,
  replaySamePackageCheck,
  staleTimestampCheck,
  unknownIdentCheck,
  wrongHashCheck,
} from './checks/message.checks';
import { SELF_CHECKS, type SelfRun } from './checks/self.checks';
import { tlsCheck } from './checks/tls.check';
import { answerFormatCheck, clockCheck, noTrailingSlashCheck } from './checks/transport.checks';
import { runChecks } from './conformance-runner';
import { Deadline } from './deadline';
import { PeerProbe } from './peer-probe';
import { type Check, meets, PROBE_DISPLAY_NAME, type PeerRun } from './peer-run';
import { ProbeRepository } from './probe.repository';

/**
 * In the order they run: the handshake first (the pass code is single use: everything after it uses
 * the connection it made, and the wrong-code check runs after it so it can never spend the real
 * code), then the message checks on that connection, then what the whole run showed.
 */
const PEER_CHECKS: Array<Check<PeerRun>> = [
  tlsCheck,
  handshakeCheck,
  authCallbackCheck,
  receiverNameCheck,
  wrongPassCodeCheck,
  acceptedCheck,
  replayExactCheck,
  replaySamePackageCheck,
  staleTimestampCheck,
  futureTimestampCheck,
  wrongHashCheck,
  corruptPackageCheck,
  unknownIdentCheck,
  malformedTimestampCheck,
  confirmOnlyIssuedCheck,
  ...FILES_1_PEER_CHECKS,
  noTrailingSlashCheck,
  answerFormatCheck,
  clockCheck,
];

/**
 * The conformance checker, run by the operator's CLI beside a running node on the same database: it
 * tests another node as a careful peer would (check-peer) or this node's own endpoints as peers see
 * them (check-self). For check-peer it works under a throwaway account of this node, and writes the
 * pending handshakes and outbox entries the peer's callbacks ask about into the node's database, so
 * the running node's own auth-confirm and message-confirm endpoints answer them.
 */
@Injectable()
export class ConformanceService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PEER_CLIENT_OPTIONS) private readonly peerOptions: PeerClientOptions,
    private readonly store: ProbeRepository,
  ) {}

  async checkPeer(peer: OpenmsgAddress, passCode: string, timeLimitSeconds: number): Promise<ConformanceReport> {
    const started = new Date();
    const deadline = new Deadline(timeLimitSeconds * 1000);
    const client = this.client(deadline);
    const account = await this.createThrowawayAccount();
    const peerAddress = formatAddress(peer);
    const run: PeerRun = {
      peer,
      peerAddress,
      passCode,
      ourDomain: this.config.domain,
      probe: new PeerProbe(client, deadline),
      store: this.store,
      account,
      storedOnPeer: 0,
    };
    let checks: CheckResult[];
    try {
      run.placeholderMessageId = await this.store.createPlaceholderMessage(
        account.id,
        peerAddress,
        `${PROBE_DISPLAY_NAME}: outbox entries of test messages`,
      );
      checks = await runChecks(PEER_CHECKS, run, deadline, meets);
    } finally {
      await this.store.removeAccount(account.id);
      await client.destroy();
    }
    const leftBehind: string[] = [];
    if (run.connection)
      leftBehind.push(
        `on ${peer.domain}: a connection between ${peerAddress} and ${account.address} named "${PROBE_DISPLAY_NAME}" (the user may delete that contact)`,
      );
    if (run.storedOnPeer > 0)
      leftBehind.push(
        `on ${peer.domain}: ${run.storedOnPeer} test message(s) in ${peerAddress}'s inbox, each starting "[Openmsg conformance check from ${this.config.domain}]"`,
      );
    leftBehind.push(
      `here: nothing; the throwaway account ${account.address}, its pending handshakes and outbox entries were deleted`,
    );
    return this.report('check-peer', peerAddress, started, timeLimitSeconds, checks, leftBehind, account.address);
  }

  async checkSelf(timeLimitSeconds: number): Promise<ConformanceReport> {
    const started = new Date();
    const deadline = new Deadline(timeLimitSeconds * 1000);
    const client = this.client(deadline);
    const run: SelfRun = { domain: this.config.domain, probe: new PeerProbe(client, deadline), deadline };
    try {
      const checks = await runChecks(SELF_CHECKS, run, deadline, () => true);
      return this.report('check-self', this.config.domain, started, timeLimitSeconds, checks, [], 'this machine');
    } finally {
      await client.destroy();
    }
  }

  /** The node's peer client, as configured (SSRF guard, overrides), with its timeouts kept inside the run's time limit. */
  private client(deadline: Deadline): PeerClient {
    const timeoutMs = Math.min(this.peerOptions.timeoutMs ?? PEER_CLIENT_DEFAULTS.timeoutMs, deadline.limitMs);
    return new PeerClient({
      ...this.peerOptions,
      timeoutMs,
      connectTimeoutMs: Math.min(this.peerOptions.connectTimeoutMs ?? PEER_CLIENT_DEFAULTS.connectTimeoutMs, timeoutMs),
    });
  }

  private async createThrowawayAccount(): Promise<{ id: string; address: string }> {
    for (;;) {
      const addressId = `9${String(randomInt(1_000_000_000)).padStart(9, '0')}`;
      if (await this.store.isAddressIdTaken(addressId)) continue;
      const account = await this.store.createAccount(addressId, PROBE_DISPLAY_NAME);
      return { id: account.id, address: formatAddress({ id: addressId, domain: this.config.domain }) };
    }
  }

  private report(
    command: ConformanceReport['command'],
    target: string,
    started: Date,
    timeLimitSeconds: number,
    checks: CheckResult[],
    leftBehind: string[],
    from: string,
  ): ConformanceReport {
    const summary = summarize(checks);
    return {
      command,
      target,
      from,
      startedAt: started.toISOString(),
      durationMs: Date.now() - started.getTime(),
      timeLimitSeconds,
      checks,
      summary,
      leftBehind,
      exitCode: summary.FAIL > 0 ? 1 : 0,
    };
  }
}
