import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { ConnectionsRepository } from './connections.repository';

const BATCH = 500;

/**
 * With a node key, connections stored before the key was configured (or by an older version) get
 * their secrets encrypted at start, before the node takes requests. Until then (another replica
 * still on an older version) such a row keeps working: reads pass plain values through and an
 * incoming message finds it by its ident code.
 */
@Injectable()
export class ConnectionSecretsSealer implements OnApplicationBootstrap {
  private readonly logger = new Logger('ConnectionSecretsSealer');

  constructor(
    private readonly keys: NodeKeysService,
    private readonly connections: ConnectionsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.keys.sealsSecrets) return;
    const started = Date.now();
    let sealed = 0;
    for (let afterId = ''; ;) {
      const rows = await this.connections.listUnsealed(afterId, BATCH);
      for (const row of rows) if (await this.connections.seal(row)) sealed++;
      if (rows.length < BATCH) break;
      afterId = rows[rows.length - 1]!.id;
    }
    if (sealed > 0)
      this.logger.log({ msg: 'connection secrets encrypted at rest', connections: sealed, ms: Date.now() - started });
  }
}
