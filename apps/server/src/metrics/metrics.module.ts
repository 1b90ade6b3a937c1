import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { NodeStateGauges } from './node-state-gauges';
import { StorageFaultMetrics } from './storage-fault-metrics';

@Module({
  imports: [RealtimeModule],
  controllers: [MetricsController],
  providers: [MetricsRepository, MetricsService, HttpMetrics, NodeStateGauges, StorageFaultMetrics],
})
export class MetricsModule {}
