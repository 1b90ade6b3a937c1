import { Injectable, Logger } from '@nestjs/common';
import type { FederationEndpointName } from '@openmsg/core';
import type { PeerResponse } from './peer-response';

/** Answers one of this node's own federation endpoints, as its HTTP controller would. */
export type AnswerFederationCall = (
  endpoint: FederationEndpointName,
  body: unknown,
  source: string,
) => Promise<unknown>;

/**
 * This node's federation endpoints, reachable in-process: a call to a user of the same node goes
 * here instead of over HTTP to itself (which the SSRF guard refuses, and which would cost a round
 * trip). The federation module registers its answer at start; until then the node "cannot be
 * reached", like a peer that is down. The body goes through JSON both ways, so the receiving code
 * sees exactly what it would have read off the wire.
 */
@Injectable()
export class LocalPeerEndpoints {
  private readonly logger = new Logger(LocalPeerEndpoints.name);
  private answer: AnswerFederationCall | null = null;

  register(answer: AnswerFederationCall): void {
    this.answer = answer;
  }

  async call(endpoint: FederationEndpointName, body: unknown): Promise<PeerResponse> {
    const label = `this node's ${endpoint}`;
    if (!this.answer) return { ok: false, kind: 'connect', message: `${label}: not serving yet` };
    try {
      const reply = await this.answer(endpoint, JSON.parse(JSON.stringify(body ?? null)), LOCAL_SOURCE);
      return { ok: true, status: 200, json: JSON.parse(JSON.stringify(reply ?? null)) };
    } catch (error) {
      // What a peer sees as an HTTP 500: the attempt failed, nothing is assumed about its effect.
      this.logger.error({ msg: 'local federation call failed', endpoint, error: (error as Error).message });
      return { ok: false, kind: 'http_status', status: 500, message: `${label}: internal error` };
    }
  }
}

/** The `source` of an in-process call; caps keyed by source tell local users apart by their address. */
export const LOCAL_SOURCE = 'local';
