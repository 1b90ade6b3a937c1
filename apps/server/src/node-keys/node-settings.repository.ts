import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** The node's own settings (NodeSetting rows, by key). */
@Injectable()
export class NodeSettingsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The setting's value, storing `value` first if it has none. Two replicas starting together agree:
   * the first insert wins and both read it back.
   */
  async keepFirst(key: string, value: string): Promise<string> {
    await this.prisma.nodeSetting.upsert({ where: { key }, create: { key, value }, update: {} });
    return (await this.prisma.nodeSetting.findUniqueOrThrow({ where: { key } })).value;
  }
}
