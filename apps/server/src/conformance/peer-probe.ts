import {
  EXTENSIONS_FIELD,
  type FederationEndpointName,
  type FederationPathForm,
  type Files1Limits,
  parseAnnouncement,
  readPeerOutcome,
} from '@openmsg/core';
import type { PeerClient } from '../peers/peer-client';
import type { PeerAnswerDetails, PeerResponse } from '../peers/peer-response';
import type { Deadline } from './deadline';

export interface SeenAnswer extends PeerAnswerDetails {
  endpoint: FederationEndpointName;
  status: number;
  receivedAt: number;
}

/** What one success answer of the peer announced (docs/extensions/files.md §1). */
export interface SeenAnnouncement {
  endpoint: FederationEndpointName;
  /** The answer carried `openmsg_extensions` at all. */
  hasField: boolean;
  /** Its files-1, when valid. */
  files1: Files1Limits | null;
}

/**
 * The checker's way to call a node: the node's own SSRF-guarded {@link PeerClient} (timeouts, size
 * caps, one same-origin redirect), raced against the run's deadline, remembering how each answer
 * looked on the wire for the transport checks.
 */
export class PeerProbe {
  readonly answers: SeenAnswer[] = [];
  /** Every success answer's announcement, in order: the checker learns the peer's extensions as a node would. */
  readonly announcements: SeenAnnouncement[] = [];

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
    if (response.ok && readPeerOutcome(response.json).success)
      this.announcements.push({
        endpoint,
        hasField: typeof response.json === 'object' && response.json !== null && EXTENSIONS_FIELD in response.json,
        files1: parseAnnouncement(response.json).files1,
      });
    return response;
  }

  /** An extension's call (a path outside the four v1.0 endpoints), only for a peer that announced the extension. */
  async postAt(domain: string, path: string, body: unknown): Promise<PeerResponse> {
    return this.deadline.race(this.client.postAt(domain, path, body), () => ({
      ok: false as const,
      kind: 'timeout' as const,
      message: `${domain} ${path}: the checker's time limit (${Math.round(this.deadline.limitMs / 1000)} s) ran out before an answer`,
    }));
  }

  /** Where postAt goes, for the report. */
  urlAt(domain: string, path: string): URL {
    return new URL(path, this.client.urlOf(domain, 'auth'));
  }

  urlOf(domain: string, endpoint: FederationEndpointName, form: FederationPathForm = 'standard'): URL {
    return this.client.urlOf(domain, endpoint, form);
  }
}
