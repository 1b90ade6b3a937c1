import { Inject, Injectable } from '@nestjs/common';
import { type FederationEndpointName, type FederationRequestBody, isSameDomain } from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LocalPeerEndpoints } from './local-peer-endpoints';
import { PeerClient } from './peer-client';
import type { PeerResponse } from './peer-response';

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

  isLocal(domain: string): boolean {
    return isSameDomain(domain, this.config.domain);
  }

  /** Calls an endpoint of the federation table (`federationEndpoints` of @openmsg/core) with its request shape. */
  post<N extends FederationEndpointName>(
    domain: string,
    endpoint: N,
    body: FederationRequestBody<N>,
  ): Promise<PeerResponse> {
    return this.isLocal(domain) ? this.local.call(endpoint, body) : this.client.post(domain, endpoint, body);
  }
}
