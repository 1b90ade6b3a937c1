import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig } from '../../src/config/app-config';
import type { DeliveryAttemptService } from '../../src/delivery/delivery-attempt.service';
import type {
  ClaimedMessage,
  DeliveryConnection,
  DeliveryQueueRepository,
} from '../../src/delivery/delivery-queue.repository';
import { StorageFaultMonitor } from '../../src/database/storage-fault-monitor';
import { DeliveryWorker } from '../../src/delivery/delivery-worker.service';
import type { EventBus } from '../../src/events/event-bus';

/**
 * The interleaving a database cannot be made to produce on cue: a send that finds every slot taken
 * (a pull is claiming) inserts its message as queued and commits it after the pull's claim read the
 * queue. The pull must not then decide that the queue is empty, or the message waits for the next
 * sweep with slots free (what the PostgreSQL bench showed: a p95 at the poll interval).
 */
const CONNECTION: DeliveryConnection = {
  otherAddress: '20*b.test',
  otherAcceptsMessages: true,
  authCode: 'auth',
  identCode: 'ident',
  messageCryptKey: 'key',
  account: { displayName: 'Ann' },
};

describe('delivery worker: a message left waiting during a claim', () => {
  let worker: DeliveryWorker | undefined;
  afterEach(async () => {
    await worker?.beforeApplicationShutdown();
  });

  it('is claimed by the same pull, not by the next sweep', async () => {
    const claims: Array<(rows: ClaimedMessage[]) => void> = [];
    const queue = {
      findExpiredLeaseIds: async () => [],
      claimDue: vi.fn(() => new Promise<ClaimedMessage[]>((resolve) => claims.push(resolve))),
    } as unknown as DeliveryQueueRepository;
    const attempted: string[] = [];
    const attempts = {
      attempt: async (message: ClaimedMessage) => {
        attempted.push(message.id);
        return 'delivered';
      },
    } as unknown as DeliveryAttemptService;
    const events = { emit: () => undefined } as unknown as EventBus;
    const config = {
      backgroundWork: true,
      delivery: { concurrency: 2, pollIntervalMs: 600_000, leaseSeconds: 60 },
    } as AppConfig;
    worker = new DeliveryWorker(config, queue, attempts, events, new StorageFaultMonitor());

    worker.onApplicationBootstrap(); // the first sweep: its claim holds both slots while it runs
    await vi.waitFor(() => expect(claims).toHaveLength(1));
    expect(worker.prepareFirstAttempt({ id: 'm1', text: 'hello' }, CONNECTION)).toBeNull(); // a send meanwhile finds no room, writes "queued" ...
    worker.kick('m1'); // ... and, once that is committed, asks for it to be claimed
    claims[0]?.([]); // the claim had read the queue before that commit

    await vi.waitFor(() => expect(claims).toHaveLength(2)); // the pull claims again at once
    claims[1]?.([
      {
        id: 'm1',
        accountId: 'a',
        body: 'sealed',
        attempts: 1,
        partsSent: 0,
        deliverBy: null,
        createdAt: new Date(),
        connectionId: null,
        connection: null,
      },
    ]);
    await vi.waitFor(() => expect(attempted).toEqual(['m1']));
  });
});
