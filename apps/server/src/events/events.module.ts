import { Global, Module } from '@nestjs/common';
import { NodeEvents } from './node-events';

@Global()
@Module({ providers: [NodeEvents], exports: [NodeEvents] })
export class EventsModule {}
