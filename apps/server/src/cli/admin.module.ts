import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AdminConsoleModule } from '../admin/admin-console.module';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { AuthModule } from '../auth/auth.module';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { ConformanceModule } from '../conformance/conformance.module';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { MaintenanceModule } from '../maintenance/maintenance.module';
import { NodeKeysModule } from '../node-keys/node-keys.module';

/** What the operator's command line needs: the same services as the server, without HTTP or workers running. */
@Module({})
export class AdminModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        EventsModule,
        NodeKeysModule,
        AccountsModule,
        AuthModule,
        ApiTokensModule,
        MaintenanceModule,
        ConformanceModule,
        AdminConsoleModule,
      ],
    };
  }
}
