import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  EXTENSIONS_FIELD,
  extensionsAnnouncement,
  type Files1Limits,
  parseAddress,
  parseAnnouncement,
  type PeerCapabilities,
} from '@openmsg/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PeerGateway } from '../peers/peer-gateway';
import { PeerExtensionsRepository, type StoredAnnouncement } from './peer-extensions.repository';

/**
 * An unchanged announcement is written again at most this often (its `seenAt`), so that a busy peer's answers do
 * not each cost a write; a changed one is written at once.
 */
const UNCHANGED_REWRITE_MS = 60_000;
/** How long a read announcement serves this process before it is read again (another replica may have replaced it). */
const READ_FRESH_MS = 10_000;

interface Known {
  extensions: string;
  files1: Files1Limits | null;
  writtenAt: number;
  readAt: number;
}

/**
 * Extensions between nodes (docs/extensions/files.md §1): this node announces files-1 in its success answers while
 * OPENMSG_FILES is on, and keeps per peer domain the announcement of the last success answer it received from it,
 * replaced each time (an answer without one means v1.0 only from then on).
 */
@Injectable()
export class PeerExtensionsService implements OnModuleInit {
  private readonly logger = new Logger(PeerExtensionsService.name);
  private readonly known = new Map<string, Known>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly announcements: PeerExtensionsRepository,
    private readonly peers: PeerGateway,
  ) {}

  onModuleInit(): void {
    this.peers.onSuccessAnswer((domain, answer) => this.record(domain, answer));
  }

  /** What this node takes, as it announces it; null while files are switched off. */
  ownFiles1(): Files1Limits | null {
    const files = this.config.files;
    if (!files.enabled) return null;
    return {
      maxFileBytes: files.maxFileBytes,
      maxTextChars: files.longMessageMaxChars,
      maxFiles: files.maxFilesPerMessage,
    };
  }

  /** The field this node adds to each success answer it gives (empty while files are off). */
  announcement(): ReturnType<typeof extensionsAnnouncement> {
    return extensionsAnnouncement(this.ownFiles1());
  }

  /** Keeps what a peer domain's success answer announced. Never throws: a failed write only leaves the older record. */
  async record(domain: string, answer: unknown, now = new Date()): Promise<void> {
    const key = domain.toLowerCase();
    const { files1 } = parseAnnouncement(answer);
    const field = extensionsAnnouncement(files1);
    const extensions = JSON.stringify(EXTENSIONS_FIELD in field ? field[EXTENSIONS_FIELD] : {});
    const before = this.known.get(key);
    if (before && before.extensions === extensions && now.getTime() - before.writtenAt < UNCHANGED_REWRITE_MS) return;
    try {
      await this.announcements.record(key, extensions, now);
      this.known.set(key, { extensions, files1, writtenAt: now.getTime(), readAt: now.getTime() });
    } catch (error) {
      this.logger.warn({ msg: 'could not record a peer announcement', domain: key, error: (error as Error).message });
    }
  }

  /**
   * files-1 as the other address's node last announced it (null: v1.0 only, or never heard of); an address of this
   * node: this node's own limits. Null for everyone while this node has files switched off.
   */
  async files1Of(otherAddress: string): Promise<Files1Limits | null> {
    const own = this.ownFiles1();
    if (!own) return null;
    const domain = parseAddress(otherAddress)?.domain;
    if (!domain) return null;
    if (this.peers.isLocal(domain)) return own;
    const now = Date.now();
    const cached = this.known.get(domain);
    if (cached && now - cached.readAt < READ_FRESH_MS) return cached.files1;
    const row = await this.announcements.find(domain);
    return this.remember(domain, row, now).files1;
  }

  /** What the inbox shows of a contact's node (Contact.peer). */
  async capabilitiesOf(otherAddress: string): Promise<PeerCapabilities> {
    return this.capabilities(await this.files1Of(otherAddress));
  }

  /** Contact.peer for many contacts: one read for the domains not in hand. */
  async capabilitiesOfMany(otherAddresses: readonly string[]): Promise<Map<string, PeerCapabilities>> {
    const now = Date.now();
    const own = this.ownFiles1();
    const wanted = new Set<string>();
    for (const address of otherAddresses) {
      const domain = parseAddress(address)?.domain;
      const cached = domain ? this.known.get(domain) : undefined;
      if (own && domain && !this.peers.isLocal(domain) && !(cached && now - cached.readAt < READ_FRESH_MS))
        wanted.add(domain);
    }
    if (wanted.size > 0) {
      const rows = new Map((await this.announcements.findMany([...wanted])).map((row) => [row.domain, row]));
      for (const domain of wanted) this.remember(domain, rows.get(domain) ?? null, now);
    }
    const result = new Map<string, PeerCapabilities>();
    for (const address of otherAddresses) {
      const domain = parseAddress(address)?.domain;
      const files1 =
        !own || !domain ? null : this.peers.isLocal(domain) ? own : (this.known.get(domain)?.files1 ?? null);
      result.set(address, this.capabilities(files1));
    }
    return result;
  }

  private capabilities(files1: Files1Limits | null): PeerCapabilities {
    const own = this.ownFiles1();
    if (!files1 || !own) return { files: false, maxTextChars: this.config.messageMaxChars, maxFileBytes: null };
    return {
      files: true,
      maxTextChars: Math.min(files1.maxTextChars, own.maxTextChars),
      maxFileBytes: Math.min(files1.maxFileBytes, own.maxFileBytes),
    };
  }

  private remember(domain: string, row: StoredAnnouncement | null, now: number): Known {
    let files1: Files1Limits | null = null;
    if (row) {
      try {
        files1 = parseAnnouncement({ [EXTENSIONS_FIELD]: JSON.parse(row.extensions) }).files1;
      } catch {
        files1 = null;
      }
    }
    const known: Known = {
      extensions: row?.extensions ?? '',
      files1,
      writtenAt: row?.seenAt.getTime() ?? 0,
      readAt: now,
    };
    this.known.set(domain, known);
    return known;
  }
}
