import { Global, Module } from '@nestjs/common';
import { NodeKeysService } from './node-keys.service';
import { NodeSettingsRepository } from './node-settings.repository';

@Global()
@Module({ providers: [NodeKeysService, NodeSettingsRepository], exports: [NodeKeysService] })
export class NodeKeysModule {}
