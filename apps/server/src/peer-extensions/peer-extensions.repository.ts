import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

export interface StoredAnnouncement {
  domain: string;
  /** The announcement as JSON ("{}": a v1.0 node). */
  extensions: string;
  seenAt: Date;
}

/** What each peer domain announced last (table PeerExtensions): replaced at every success answer. */
@Injectable()
export class PeerExtensionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(domain: string, extensions: string, seenAt: Date): Promise<void> {
    await this.prisma.peerExtensions.upsert({
      where: { domain },
      create: { domain, extensions, seenAt },
      update: { extensions, seenAt },
    });
  }

  find(domain: string): Promise<StoredAnnouncement | null> {
    return this.prisma.peerExtensions.findUnique({ where: { domain } });
  }

  findMany(domains: string[]): Promise<StoredAnnouncement[]> {
    return this.prisma.peerExtensions.findMany({ where: { domain: { in: domains } } });
  }
}
