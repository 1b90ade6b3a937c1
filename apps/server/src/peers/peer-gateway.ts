import { Inject, Injectable } from '@nestjs/common';
import { type FederationEndpointName, type FederationRequestBody, isSameDomain, readPeerOutcome } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LocalPeerEndpoints } from './local-peer-endpoints';
import { PeerClient } from './peer-client';
import type { PeerResponse } from './peer-response';

/** Told of every success answer another node gives this one (peer-extensions records its announcement). */
export type SuccessAnswerListener = (domain: string, answer: unknown) => Promise<void>;

/**
 * The one place that decides "local or remote" for every call to another node (handshakes,
 * callbacks, deliveries): a domain that is this node's own is answered in-process by the same
 * federation code that serves HTTP, so same-node users follow every rule of the protocol without
 * the node calling itself; any other domain goes over HTTPS through the SSRF-guarded client.
 */
@Injectable()
export class PeerGateway {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly client: PeerClient,
    private readonly local: LocalPeerEndpoints,
  ) {}

  private successListener: SuccessAnswerListener | null = null;

  /** One listener (set at start by the module that records peers' announcements); it must not throw. */
  onSuccessAnswer(listener: SuccessAnswerListener): void {
    this.successListener = listener;
  }

  isLocal(domain: string): boolean {
    return isSameDomain(domain, this.config.domain);
  }

  /** Calls an endpoint of the federation table (`federationEndpoints` of @openmsg/core) with its request shape. */
  async post<N extends FederationEndpointName>(
    domain: string,
    endpoint: N,
    body: FederationRequestBody<N>,
  ): Promise<PeerResponse> {
    if (this.isLocal(domain)) return this.local.call(endpoint, body);
    const response = await this.client.post(domain, endpoint, body);
    // Heard before the caller acts on the answer, so what it decides next already knows what the peer announced.
    if (response.ok && this.successListener && readPeerOutcome(response.json).success)
      await this.successListener(domain, response.json);
    return response;
  }
}
