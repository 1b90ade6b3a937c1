import { Module } from '@nestjs/common';
import { PeersModule } from '../peers/peers.module';
import { PeerExtensionsRepository } from './peer-extensions.repository';
import { PeerExtensionsService } from './peer-extensions.service';

/** Extensions between nodes (docs/extensions/files.md §1): what this node announces, what each peer announced. */
@Module({
  imports: [PeersModule],
  providers: [PeerExtensionsRepository, PeerExtensionsService],
  exports: [PeerExtensionsService],
})
export class PeerExtensionsModule {}
