import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DeliveryModule } from './delivery/delivery.module';
import { EventsModule } from './events/events.module';
import { FederationModule } from './federation/federation.module';
import { HandshakeModule } from './handshake/handshake.module';
import { HealthModule } from './health/health.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { MessagesModule } from './messages/messages.module';
import { NodeKeysModule } from './node-keys/node-keys.module';
import { PassCodesModule } from './passcodes/passcodes.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        EventsModule,
        NodeKeysModule,
        HealthModule,
        AccountsModule,
        ApiTokensModule,
        PassCodesModule,
        HandshakeModule,
        MessagesModule,
        DeliveryModule,
        FederationModule,
        MaintenanceModule,
      ],
    };
  }
}
