import type { FederationEndpointName, FederationPathForm } from '@openmsg/core';
import type { PeerClient } from '../peers/peer-client';
import type { PeerAnswerDetails, PeerResponse } from '../peers/peer-response';
import type { Deadline } from './deadline';

export interface SeenAnswer extends PeerAnswerDetails {
  endpoint: FederationEndpointName;
  status: number;
  receivedAt: number;
}

/**
 * The checker's way to call a node: the node's own SSRF-guarded {@link PeerClient} (timeouts, size
 * caps, one same-origin redirect), raced against the run's deadline, remembering how each answer
 * looked on the wire for the transport checks.
 */
export class PeerProbe {
  readonly answers: SeenAnswer[] = [];

  constructor(
    readonly client: PeerClient,
    private readonly deadline: Deadline,
  ) {}

  /** Any body: the checks also send malformed and harmless ones on purpose. */
  async post(
    domain: string,
    endpoint: FederationEndpointName,
    body: unknown,
    form: FederationPathForm = 'standard',
  ): Promise<PeerResponse> {
    const response = await this.deadline.race(this.client.post(domain, endpoint, body, form), () => ({
      ok: false as const,
      kind: 'timeout' as const,
      message: `${domain} ${endpoint}: the checker's time limit (${Math.round(this.deadline.limitMs / 1000)} s) ran out before an answer`,
    }));
    if (response.details)
      this.answers.push({
        ...response.details,
        endpoint,
        status: response.ok ? 200 : (response.status ?? 0),
        receivedAt: Date.now(),
      });
    return response;
  }

  urlOf(domain: string, endpoint: FederationEndpointName, form: FederationPathForm = 'standard'): URL {
    return this.client.urlOf(domain, endpoint, form);
  }
}
