import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventBus } from './event-bus';
import { ReplicaEventBus } from './replica-event-bus';

/** One event bus: this process's listeners, and the other replicas' where processes share the database. */
@Global()
@Module({
  providers: [
    {
      provide: EventBus,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ReplicaEventBus(config.databaseUrl),
    },
  ],
  exports: [EventBus],
})
export class EventsModule {}
