import { Module } from '@nestjs/common';
import { ConnectionsRepository } from './connections.repository';

@Module({ providers: [ConnectionsRepository], exports: [ConnectionsRepository] })
export class ConnectionsModule {}
