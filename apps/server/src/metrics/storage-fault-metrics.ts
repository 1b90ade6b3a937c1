import { Injectable } from '@nestjs/common';
import { STORAGE_FAULT_KINDS } from '@openmsg/db';
import { Counter, Gauge } from 'prom-client';
import { StorageFaultMonitor } from '../database/storage-fault-monitor';
import { MetricsService } from './metrics.service';

/** The storage faults (database unreachable, disk full, read-only), read from the monitor at each scrape; every kind exported from the start. */
@Injectable()
export class StorageFaultMetrics {
  constructor(metrics: MetricsService, faults: StorageFaultMonitor) {
    const registers = [metrics.registry];
    const counted = new Map(STORAGE_FAULT_KINDS.map((kind) => [kind, 0]));
    new Counter({
      name: 'openmsg_storage_fault_seconds_total',
      help: 'Time spent in storage faults (the database unreachable, the disk full, the storage read-only), by kind',
      labelNames: ['kind'],
      registers,
      collect() {
        for (const kind of STORAGE_FAULT_KINDS) {
          const seconds = faults.secondsIn(kind);
          this.inc({ kind }, Math.max(0, seconds - (counted.get(kind) ?? 0)));
          counted.set(kind, Math.max(seconds, counted.get(kind) ?? 0));
        }
      },
    });
    new Gauge({
      name: 'openmsg_storage_fault',
      help: 'Whether a storage fault is going on now (1) or not (0), by kind',
      labelNames: ['kind'],
      registers,
      collect() {
        const current = faults.current();
        for (const kind of STORAGE_FAULT_KINDS) this.set({ kind }, kind === current ? 1 : 0);
      },
    });
  }
}
