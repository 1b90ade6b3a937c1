import { Module } from '@nestjs/common';
import { ConnectionSecretsSealer } from './connection-secrets-sealer.service';
import { ConnectionsRepository } from './connections.repository';

@Module({ providers: [ConnectionsRepository, ConnectionSecretsSealer], exports: [ConnectionsRepository] })
export class ConnectionsModule {}
