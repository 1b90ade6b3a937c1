import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StorageFaultMonitor } from '../../src/database/storage-fault-monitor';

describe('StorageFaultMonitor', () => {
  let monitor: StorageFaultMonitor;
  let warnings: unknown[];

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    warnings = [];
    vi.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(message));
    monitor = new StorageFaultMonitor();
  });
  afterEach(() => {
    monitor.onModuleDestroy();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('logs a fault once when it starts and once when it ends, however many statements meet it', async () => {
    for (let i = 0; i < 100; i++) monitor.report('storage_full');
    expect(monitor.current()).toBe('storage_full');
    await vi.advanceTimersByTimeAsync(3000);
    monitor.succeeded(false); // a read passes on a full disk: no proof
    await vi.advanceTimersByTimeAsync(5000);
    expect(monitor.current()).toBe('storage_full');
    monitor.succeeded(true);
    await vi.advanceTimersByTimeAsync(1000); // the last failure was 9 s ago: settled
    expect(monitor.current()).toBeNull();
    expect(warnings).toEqual([
      { msg: 'storage fault started', kind: 'storage_full' },
      { msg: 'storage fault ended', kind: 'storage_full', durationSeconds: 8 },
    ]);
    expect(monitor.secondsIn('storage_full')).toBe(8);
    expect(monitor.secondsIn('database_unavailable')).toBe(0);
  });

  it('stays on while writes keep failing between successes (some writes still fit on a full disk)', async () => {
    monitor.report('storage_full');
    for (let i = 0; i < 10; i++) {
      monitor.succeeded(true);
      await vi.advanceTimersByTimeAsync(1000);
      monitor.report('storage_full');
    }
    expect(monitor.current()).toBe('storage_full');
    expect(warnings).toHaveLength(1);
    expect(monitor.secondsIn('storage_full')).toBe(10);
  });

  it('probes an unreachable database every second, one probe at a time, and ends when it answers', async () => {
    let answers = false;
    let probes = 0;
    monitor.probe = async () => {
      probes++;
      if (!answers) throw new Error('connect ECONNREFUSED');
      monitor.succeeded(false);
    };
    monitor.report('database_unavailable');
    await vi.advanceTimersByTimeAsync(3000);
    expect(probes).toBe(3);
    answers = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(monitor.current()).toBeNull();
    expect(warnings.at(-1)).toEqual({ msg: 'storage fault ended', kind: 'database_unavailable', durationSeconds: 4 });
  });

  it('a fault of another kind ends the one before', () => {
    monitor.report('database_unavailable');
    vi.advanceTimersByTime(500);
    monitor.report('storage_read_only');
    expect(monitor.current()).toBe('storage_read_only');
    expect(warnings).toEqual([
      { msg: 'storage fault started', kind: 'database_unavailable' },
      { msg: 'storage fault ended', kind: 'database_unavailable', durationSeconds: 0.5 },
      { msg: 'storage fault started', kind: 'storage_read_only' },
    ]);
  });

  it('classifies and reports an error, or leaves other errors alone', () => {
    expect(monitor.faultOf(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBe(
      'storage_full',
    );
    expect(monitor.faultOf(new Error('a bug'))).toBeNull();
    expect(monitor.current()).toBe('storage_full');
  });
});
