import { Module } from '@nestjs/common';
import { LocalPeerEndpoints } from './local-peer-endpoints';
import { PeerClient } from './peer-client';
import { PEER_CLIENT_OPTIONS, type PeerClientOptions, peerClientOptionsProvider } from './peer-client-options';
import { PeerGateway } from './peer-gateway';

/**
 * Provides the one {@link PeerGateway} of the process and what it routes to: the {@link PeerClient}
 * for other nodes and the {@link LocalPeerEndpoints} for this node's own users, configured from
 * the app's config (a global module).
 */
@Module({
  providers: [
    peerClientOptionsProvider,
    {
      provide: PeerClient,
      useFactory: (options: PeerClientOptions) => new PeerClient(options),
      inject: [PEER_CLIENT_OPTIONS],
    },
    LocalPeerEndpoints,
    PeerGateway,
  ],
  exports: [PeerClient, PeerGateway, LocalPeerEndpoints],
})
export class PeersModule {}
