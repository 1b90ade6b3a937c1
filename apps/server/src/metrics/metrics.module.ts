import { Module } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { NodeStateGauges } from './node-state-gauges';
import { StorageFaultMetrics } from './storage-fault-metrics';

@Module({
  controllers: [MetricsController],
  providers: [MetricsRepository, MetricsService, HttpMetrics, NodeStateGauges, StorageFaultMetrics],
  // Folders above metrics register gauges of their own on its registry (realtime: open event streams).
  exports: [MetricsService],
})
export class MetricsModule {}
