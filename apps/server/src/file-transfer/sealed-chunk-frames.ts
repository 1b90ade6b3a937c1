/** Why a fetched stream is not the file's encrypted form: the attempt fails and nothing past the last whole chunk is kept. */
export class FetchStreamError extends Error {
  constructor(
    message: string,
    readonly reason: 'ended_early' | 'too_long',
  ) {
    super(message);
    this.name = 'FetchStreamError';
  }
}

/**
 * Cuts a byte stream into the sealed chunks `fromChunk` to `count - 1` of a file, `sealedLength(i)` bytes each,
 * holding at most one chunk (and one network read) in memory. It stops reading at the expected length: a peer that
 * sends more never gets more read (bytes past the end in the same read fail the stream, as does an early end). The
 * caller destroys the source when it stops early.
 */
export async function* sealedChunkFrames(
  source: AsyncIterable<Buffer | Uint8Array>,
  fromChunk: number,
  count: number,
  sealedLength: (index: number) => number,
): AsyncGenerator<{ index: number; sealed: Buffer }> {
  let index = fromChunk;
  if (index >= count) return;
  let want = sealedLength(index);
  let parts: Buffer[] = [];
  let have = 0;
  for await (const read of source) {
    let bytes = Buffer.isBuffer(read) ? read : Buffer.from(read.buffer, read.byteOffset, read.byteLength);
    while (bytes.length > 0) {
      const take = Math.min(want - have, bytes.length);
      parts.push(take === bytes.length ? bytes : bytes.subarray(0, take));
      have += take;
      bytes = bytes.subarray(take);
      if (have < want) continue;
      if (index === count - 1 && bytes.length > 0)
        throw new FetchStreamError(`the stream carries more than the file's ${count} chunks`, 'too_long');
      const sealed = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, have);
      parts = [];
      have = 0;
      yield { index, sealed };
      index++;
      if (index < count) want = sealedLength(index);
    }
    if (index >= count) return;
  }
  throw new FetchStreamError(`the stream ended at chunk ${index} of ${count}`, 'ended_early');
}
