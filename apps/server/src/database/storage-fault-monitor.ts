import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { STORAGE_FAULT_KINDS, storageFaultOf, type StorageFaultKind } from '@openmsg/db';

/** What a client or a peer is told to wait before trying again (Retry-After) during a storage fault. */
export const STORAGE_FAULT_RETRY_AFTER_SECONDS = 5;

/** How long no request may have met the fault, after a write succeeded again, before it counts as over. */
const SETTLE_MS = 2000;
const CHECK_EVERY_MS = 1000;

interface OngoingFault {
  kind: StorageFaultKind;
  startedAt: number;
  /** The last time a statement failed with this fault. */
  lastSeenAt: number;
  /** The first statement that succeeded after lastSeenAt (for a full or read-only storage: a write). */
  recoveredAt: number | null;
}

/**
 * Whether the node's storage is failing now, and since when: statements report the faults they met
 * (DirectSql, the exception filters) and their successes. A fault is logged once when it starts and
 * once when it ends, with its duration, however many requests meet it; the metrics read the time
 * spent in each kind. It ends when statements succeed again and none has failed for a short while
 * (on a full disk some writes still fit, so one success proves little). While the database cannot
 * be reached, `probe` (SELECT 1) is run every second so that the end is seen without traffic.
 */
@Injectable()
export class StorageFaultMonitor implements OnModuleDestroy {
  private readonly logger = new Logger('StorageFaults');
  private ongoing: OngoingFault | null = null;
  private readonly endedMs = new Map<StorageFaultKind, number>(STORAGE_FAULT_KINDS.map((kind) => [kind, 0]));
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  /** Set by the database module: a statement that succeeds when the database answers. */
  probe: (() => Promise<unknown>) | null = null;

  /** The storage fault this error is (reported), or null for any other error. */
  faultOf(error: unknown): StorageFaultKind | null {
    const kind = storageFaultOf(error);
    if (kind) this.report(kind);
    return kind;
  }

  /** A statement failed with this fault. */
  report(kind: StorageFaultKind, now = Date.now()): void {
    const ongoing = this.ongoing;
    if (ongoing?.kind === kind) {
      ongoing.lastSeenAt = now;
      ongoing.recoveredAt = null;
      return;
    }
    if (ongoing) this.end(now);
    this.ongoing = { kind, startedAt: now, lastSeenAt: now, recoveredAt: null };
    this.logger.warn({ msg: 'storage fault started', kind });
    this.timer ??= setInterval(() => void this.check(), CHECK_EVERY_MS).unref();
  }

  /** A statement succeeded; `write` when it changed something (a full or read-only storage lets reads pass). */
  succeeded(write: boolean, now = Date.now()): void {
    const ongoing = this.ongoing;
    if (!ongoing || ongoing.recoveredAt !== null) return;
    if (ongoing.kind !== 'database_unavailable' && !write) return;
    ongoing.recoveredAt = now;
  }

  /** The fault going on now, if any. */
  current(): StorageFaultKind | null {
    return this.ongoing?.kind ?? null;
  }

  /** Seconds spent in this kind of fault since the process started, including the one going on. */
  secondsIn(kind: StorageFaultKind, now = Date.now()): number {
    const ongoing = this.ongoing?.kind === kind ? (this.ongoing.recoveredAt ?? now) - this.ongoing.startedAt : 0;
    return ((this.endedMs.get(kind) ?? 0) + ongoing) / 1000;
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async check(): Promise<void> {
    const ongoing = this.ongoing;
    if (!ongoing) return;
    if (ongoing.kind === 'database_unavailable' && ongoing.recoveredAt === null && this.probe && !this.probing) {
      // The probe goes through DirectSql, which reports its failure or success itself. One at a
      // time: a connection attempt to a host that does not answer may take long.
      this.probing = true;
      await this.probe()
        .catch(() => undefined)
        .finally(() => {
          this.probing = false;
        });
    }
    const now = Date.now();
    if (this.ongoing === ongoing && ongoing.recoveredAt !== null && now - ongoing.lastSeenAt >= SETTLE_MS)
      this.end(ongoing.recoveredAt);
  }

  private end(at: number): void {
    const ongoing = this.ongoing;
    if (!ongoing) return;
    const durationMs = Math.max(0, at - ongoing.startedAt);
    this.endedMs.set(ongoing.kind, (this.endedMs.get(ongoing.kind) ?? 0) + durationMs);
    this.ongoing = null;
    this.logger.warn({
      msg: 'storage fault ended',
      kind: ongoing.kind,
      durationSeconds: Math.round(durationMs / 100) / 10,
    });
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
