import { Inject, Injectable } from '@nestjs/common';
import { statfs } from 'node:fs/promises';
import { storageFaultOf } from '@openmsg/db';
import { Gauge } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

/**
 * Gauges of what the node holds now, read at each scrape (nothing is computed between scrapes):
 * the delivery queue, the database's size and the data directory's file system.
 */
@Injectable()
export class NodeStateGauges {
  constructor(@Inject(APP_CONFIG) config: AppConfig, metrics: MetricsService, repository: MetricsRepository) {
    const registers = [metrics.registry];
    const queue = sharedWhileRunning(() => repository.deliveryQueue());
    const disk = sharedWhileRunning(() => statfs(config.dataDir));

    new Gauge({
      name: 'openmsg_delivery_queue_depth',
      help: 'Outgoing messages waiting to be delivered (queued or sending)',
      registers,
      async collect() {
        const read = await whileStorageWorks(queue());
        if (read) this.set(read.depth);
      },
    });
    new Gauge({
      name: 'openmsg_delivery_queue_oldest_age_seconds',
      help: 'How long the oldest outgoing message still waiting has waited (0 when none waits)',
      registers,
      async collect() {
        const read = await whileStorageWorks(queue());
        if (!read) return;
        const { oldestCreatedAt } = read;
        this.set(oldestCreatedAt ? Math.max(0, (Date.now() - oldestCreatedAt.getTime()) / 1000) : 0);
      },
    });
    new Gauge({
      name: 'openmsg_database_size_bytes',
      help: 'Size of the database on disk (SQLite: the database file without its WAL; PostgreSQL: the database)',
      registers,
      async collect() {
        const size = await whileStorageWorks(repository.databaseSizeBytes());
        if (size !== null) this.set(size);
      },
    });
    new Gauge({
      name: 'openmsg_data_dir_filesystem_size_bytes',
      help: 'Size of the file system that holds the data directory (OPENMSG_DATA_DIR)',
      registers,
      async collect() {
        const stats = await disk();
        this.set(stats.blocks * stats.bsize);
      },
    });
    new Gauge({
      name: 'openmsg_data_dir_filesystem_free_bytes',
      help: 'Space the node can still use on the file system that holds the data directory',
      registers,
      async collect() {
        const stats = await disk();
        this.set(stats.bavail * stats.bsize);
      },
    });
  }
}

/**
 * A gauge read from the database keeps its last value while the database cannot be read, so that a
 * scrape still answers (with openmsg_storage_fault saying why) instead of failing as a whole.
 */
async function whileStorageWorks<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (storageFaultOf(error)) return null;
    throw error;
  }
}

/** The gauges of one scrape are collected together: those reading the same thing share one read. */
function sharedWhileRunning<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () =>
    (running ??= read().finally(() => {
      running = null;
    }));
}
