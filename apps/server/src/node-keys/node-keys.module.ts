import { Global, Module } from '@nestjs/common';
import { NodeKeysService } from './node-keys.service';

@Global()
@Module({ providers: [NodeKeysService], exports: [NodeKeysService] })
export class NodeKeysModule {}
