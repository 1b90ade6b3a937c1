import { DynamicModule, Global, Module } from '@nestjs/common';
import { PEER_CLIENT_OPTIONS, type PeerClientOptions } from '../peers/peer-client-options';
import { APP_CONFIG, type AppConfig } from './app-config';

/** Makes the checked configuration, and the options derived from it, injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    const peerOptions: PeerClientOptions = {
      allowPrivatePeers: config.allowPrivatePeers,
      overrides: config.peerOverrides,
      timeoutMs: config.peerTimeoutMs,
      connectTimeoutMs: Math.min(5000, config.peerTimeoutMs),
    };
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: PEER_CLIENT_OPTIONS, useValue: peerOptions },
      ],
      exports: [APP_CONFIG, PEER_CLIENT_OPTIONS],
    };
  }
}
