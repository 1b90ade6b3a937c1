import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createDatabase, directSql, tuneConnection } from '@openmsg/db';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DirectSqlService } from './direct-sql.service';
import { PrismaService } from './prisma.service';

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
    { provide: DirectSqlService, inject: [PrismaService], useFactory: (prisma: PrismaService) => directSql(prisma) },
    DatabaseLifecycle,
  ],
  exports: [PrismaService, DirectSqlService],
})
export class DatabaseModule {}
