import { Global, Module } from '@nestjs/common';
import { parseDatabaseUrl } from '@openmsg/db';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventBus } from './event-bus';
import { InProcessEventBus } from './in-process-event-bus';
import { PostgresEventBus } from './postgres-event-bus';

/** The event bus by database: SQLite runs one process; PostgreSQL may have several replicas, which hear each other's events. */
@Global()
@Module({
  providers: [
    {
      provide: EventBus,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (parseDatabaseUrl(config.databaseUrl).kind === 'postgresql' ? new PostgresEventBus(config.databaseUrl) : new InProcessEventBus()),
    },
  ],
  exports: [EventBus],
})
export class EventsModule {}
