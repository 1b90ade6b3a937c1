import { describe, expect, it } from 'vitest';
import { FetchStreamError, sealedChunkFrames } from '../../../src/file-transfer/sealed-chunk-frames';
import { ProgressThrottle } from '../../../src/file-transfer/transfer-progress';

async function* pieces(buffer: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
}

async function collect(source: AsyncIterable<Buffer>, from: number, count: number, lengths: number[]) {
  const frames: Array<{ index: number; sealed: Buffer }> = [];
  for await (const frame of sealedChunkFrames(source, from, count, (i) => lengths[i] as number)) frames.push(frame);
  return frames;
}

describe('sealedChunkFrames', () => {
  const lengths = [10, 10, 4];
  const stream = Buffer.from(Array.from({ length: 24 }, (_, i) => i));

  it.each([1, 3, 7, 10, 24])('cuts the stream into the chunks whatever the reads (%i bytes a read)', async (size) => {
    const frames = await collect(pieces(stream, size), 0, 3, lengths);
    expect(frames.map((frame) => frame.index)).toEqual([0, 1, 2]);
    expect(Buffer.concat(frames.map((frame) => frame.sealed)).equals(stream)).toBe(true);
    expect(frames.map((frame) => frame.sealed.length)).toEqual(lengths);
  });

  it('starts at from_chunk', async () => {
    const frames = await collect(pieces(stream.subarray(10), 5), 1, 3, lengths);
    expect(frames.map((frame) => frame.index)).toEqual([1, 2]);
  });

  it('fails a stream that ends early, after yielding the whole chunks', async () => {
    const frames: number[] = [];
    const error = await (async () => {
      for await (const frame of sealedChunkFrames(pieces(stream.subarray(0, 15), 4), 0, 3, (i) => lengths[i]!))
        frames.push(frame.index);
    })().catch((caught: unknown) => caught);
    expect(frames).toEqual([0]);
    expect(error).toBeInstanceOf(FetchStreamError);
    expect((error as FetchStreamError).reason).toBe('ended_early');
  });

  it('fails bytes past the last chunk in the read that ends it, before yielding the last chunk', async () => {
    const longer = Buffer.concat([stream, Buffer.from([99])]);
    const frames: number[] = [];
    const error = await (async () => {
      for await (const frame of sealedChunkFrames(pieces(longer, 25), 0, 3, (i) => lengths[i]!))
        frames.push(frame.index);
    })().catch((caught: unknown) => caught);
    expect(frames).toEqual([0, 1]);
    expect((error as FetchStreamError).reason).toBe('too_long');
  });

  it('stops reading at the expected length: a source that goes on forever is not read further', async () => {
    let reads = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      yield stream;
      for (;;) {
        reads++;
        yield Buffer.alloc(1 << 20);
      }
    }
    const frames = await collect(endless(), 0, 3, lengths);
    expect(frames).toHaveLength(3);
    expect(reads).toBe(0);
  });
});

describe('ProgressThrottle', () => {
  it('tells at most once per interval, and always at the end', () => {
    const throttle = new ProgressThrottle(250);
    expect(throttle.due(false, 1000)).toBe(true);
    expect(throttle.due(false, 1100)).toBe(false);
    expect(throttle.due(false, 1249)).toBe(false);
    expect(throttle.due(false, 1250)).toBe(true);
    expect(throttle.due(true, 1260)).toBe(true);
  });
});
