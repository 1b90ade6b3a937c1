import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { AdminConsoleModule } from './admin/admin-console.module';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ContactsModule } from './contacts/contacts.module';
import { ConversationsModule } from './conversations/conversations.module';
import { DatabaseModule } from './database/database.module';
import { DeliveryModule } from './delivery/delivery.module';
import { EventsModule } from './events/events.module';
import { ExportModule } from './export/export.module';
import { FederationModule } from './federation/federation.module';
import { FilesModule } from './files/files.module';
import { FileLinksModule } from './files/file-links.module';
import { HandshakeModule } from './handshake/handshake.module';
import { HealthModule } from './health/health.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { MessagesModule } from './messages/messages.module';
import { MetricsModule } from './metrics/metrics.module';
import { NodeInfoModule } from './node-info/node-info.module';
import { NodeKeysModule } from './node-keys/node-keys.module';
import { PassCodesModule } from './passcodes/passcodes.module';
import { PushModule } from './push/push.module';
import { RealtimeModule } from './realtime/realtime.module';

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
        MetricsModule,
        NodeInfoModule,
        FilesModule,
        AccountsModule,
        AuthModule,
        ApiTokensModule,
        PassCodesModule,
        HandshakeModule,
        ContactsModule,
        MessagesModule,
        ConversationsModule,
        RealtimeModule,
        DeliveryModule,
        FederationModule,
        MaintenanceModule,
        ExportModule,
        FileLinksModule,
        AdminConsoleModule,
        PushModule,
      ],
    };
  }
}
