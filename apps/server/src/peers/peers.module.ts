import { Module } from '@nestjs/common';
import { PeerClient } from './peer-client';
import { PEER_CLIENT_OPTIONS, type PeerClientOptions } from './peer-client-options';

/**
 * Provides the one {@link PeerClient} of the process. {@link PEER_CLIENT_OPTIONS} must be provided
 * by a global module (the app's config), so every module importing PeersModule shares this client.
 */
@Module({
  providers: [
    {
      provide: PeerClient,
      useFactory: (options: PeerClientOptions) => new PeerClient(options),
      inject: [PEER_CLIENT_OPTIONS],
    },
  ],
  exports: [PeerClient],
})
export class PeersModule {}
