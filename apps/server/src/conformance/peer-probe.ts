import type { PeerClient } from '../peers/peer-client';
import type { PeerAnswerDetails, PeerResponse } from '../peers/peer-response';
import type { PeerEndpoint, PeerPathForm } from '../peers/peer-url';
import type { Deadline } from './deadline';

export interface SeenAnswer extends PeerAnswerDetails {
  endpoint: PeerEndpoint;
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

  async post(domain: string, endpoint: PeerEndpoint, body: unknown, form: PeerPathForm = 'standard'): Promise<PeerResponse> {
    const response = await this.deadline.race(this.client.post(domain, endpoint, body, form), () => ({
      ok: false as const,
      kind: 'timeout' as const,
      message: `${domain} ${endpoint}: the checker's time limit (${Math.round(this.deadline.limitMs / 1000)} s) ran out before an answer`,
    }));
    if (response.details) this.answers.push({ ...response.details, endpoint, status: response.ok ? 200 : (response.status ?? 0), receivedAt: Date.now() });
    return response;
  }

  urlOf(domain: string, endpoint: PeerEndpoint, form: PeerPathForm = 'standard'): URL {
    return this.client.urlOf(domain, endpoint, form);
  }
}
