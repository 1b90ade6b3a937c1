import { performance } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often the node looks whether it is at rest. */
const CHECK_EVERY_MS = 10_000;
/** At rest: the event loop was busy less than this share of the last check's interval. */
const AT_REST_BELOW = 0.02;
/** Only when the heap grew this much since its low point after the last trim (or start), so a node at rest trims once. */
const GROWN_BY_BYTES = 8 * 1024 * 1024;

/** Whether a node at this moment should give memory back: at rest, and the heap grew since the last trim. */
export function shouldTrim(eventLoopUtilization: number, heapBytes: number, lowestHeapBytesSinceTrim: number): boolean {
  return eventLoopUtilization < AT_REST_BELOW && heapBytes >= lowestHeapBytesSinceTrim + GROWN_BY_BYTES;
}

/**
 * Gives memory back once a burst of work is over. Under load V8 grows its young generation to
 * 32 MiB and the old one with it, and it shrinks them again only after a full garbage collection
 * at a low allocation rate, which a node at rest, allocating almost nothing, does not reach by
 * itself: in the federation bench the nodes stayed at 155 MiB after the runs, and are at about 125
 * with this. A full collection of the node's heap (about 40 MiB live) takes a few milliseconds, and
 * runs only when the event loop was idle for a whole check interval.
 */
export function startIdleMemoryTrim(): void {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as (options: { type: 'major'; execution: 'sync' }) => void;
  let heapAfterTrim = getHeapStatistics().total_heap_size;
  let previous = performance.eventLoopUtilization();
  setInterval(() => {
    const now = performance.eventLoopUtilization();
    const utilization = performance.eventLoopUtilization(now, previous).utilization;
    previous = now;
    const heap = getHeapStatistics().total_heap_size;
    if (!shouldTrim(utilization, heap, heapAfterTrim)) {
      heapAfterTrim = Math.min(heapAfterTrim, heap); // V8 gave some back by itself
      return;
    }
    collect({ type: 'major', execution: 'sync' });
    heapAfterTrim = getHeapStatistics().total_heap_size;
  }, CHECK_EVERY_MS).unref();
}
