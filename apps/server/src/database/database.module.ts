import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createDatabase, directSql, sql, tuneConnection } from '@openmsg/db';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectSqlService } from './direct-sql.service';
import { observedDirectSql } from './observed-direct-sql';
import { PrismaService } from './prisma.service';
import { StorageFaultMonitor } from './storage-fault-monitor';

class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PrismaService) private readonly prisma: PrismaService) {}

  /** After every other shutdown hook (deliveries finishing) has run. */
  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: PrismaService,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const database = createDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
        await database.$connect();
        await tuneConnection(database, config.databaseUrl);
        return database;
      },
    },
    StorageFaultMonitor,
    {
      provide: DirectSqlService,
      inject: [PrismaService, StorageFaultMonitor],
      useFactory: (prisma: PrismaService, monitor: StorageFaultMonitor) => {
        const direct = observedDirectSql(directSql(prisma), monitor);
        monitor.probe = () => direct.query(sql`SELECT 1`);
        return direct;
      },
    },
    DatabaseLifecycle,
  ],
  exports: [PrismaService, DirectSqlService, StorageFaultMonitor],
})
export class DatabaseModule {}
