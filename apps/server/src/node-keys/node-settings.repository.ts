import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** The node's own settings (NodeSetting rows, by key). */
@Injectable()
export class NodeSettingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The setting's value, storing `value` first if it has none (a function: made only then). Two replicas starting together agree:
   * the first insert wins and both read it back.
   */
  async keepFirst(key: string, value: string | (() => string)): Promise<string> {
    const stored = await this.prisma.nodeSetting.findUnique({ where: { key } });
    if (stored) return stored.value;
    const first = typeof value === 'function' ? value() : value;
    await this.prisma.nodeSetting.upsert({ where: { key }, create: { key, value: first }, update: {} });
    return (await this.prisma.nodeSetting.findUniqueOrThrow({ where: { key } })).value;
  }
}
