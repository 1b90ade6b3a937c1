import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chunkCount,
  chunkNonce,
  encryptedLength,
  openChunk,
  plainChunkLength,
  sealChunk,
} from '../../../src/files/file-cipher';

const VECTORS = path.resolve(__dirname, '../../../../../docs/extensions/files-1-vectors.json');

interface ChunkVector {
  key: string;
  chunk_size: number;
  plaintext_sha256: string;
  nonces: string[];
  tags: string[];
  encrypted_sha256: string;
  encrypted_length: number;
}

const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

describe('the files-1 chunk cipher (docs/extensions/files.md §5)', () => {
  it('counts chunks and the encrypted length, an empty file being one empty chunk', () => {
    expect(chunkCount(0, 65_536)).toBe(1);
    expect(chunkCount(65_536, 65_536)).toBe(1);
    expect(chunkCount(65_537, 65_536)).toBe(2);
    expect(encryptedLength(100_000, 65_536)).toBe(100_000 + 32);
    expect(plainChunkLength(100_000, 65_536, 1)).toBe(100_000 - 65_536);
    expect(() => plainChunkLength(100_000, 65_536, 2)).toThrow(RangeError);
  });

  it('writes the nonce as 00 00 00, the last flag, then the index big-endian', () => {
    expect(chunkNonce(0, false).toString('hex')).toBe('000000000000000000000000');
    expect(chunkNonce(258, true).toString('hex')).toBe('000000010000000000000102');
  });

  it('opens what it sealed, and nothing sealed at another index, position, key or with a changed byte', () => {
    const plain = randomBytes(1000);
    const sealed = sealChunk(key, 3, false, plain);
    expect(sealed.length).toBe(1016);
    expect(openChunk(key, 3, false, sealed)).toEqual(plain);
    expect(openChunk(key, 4, false, sealed)).toBeNull();
    expect(openChunk(key, 3, true, sealed)).toBeNull();
    expect(openChunk(randomBytes(32), 3, false, sealed)).toBeNull();
    const altered = Buffer.from(sealed);
    altered.writeUInt8(altered.readUInt8(10) ^ 1, 10);
    expect(openChunk(key, 3, false, altered)).toBeNull();
    expect(openChunk(key, 3, false, Buffer.alloc(5))).toBeNull();
  });

  it('reproduces the chunk vector of docs/extensions/files-1-vectors.json', () => {
    const vector = (JSON.parse(readFileSync(VECTORS, 'utf8')) as { chunks: ChunkVector }).chunks;
    const vectorKey = Buffer.from(vector.key, 'hex');
    const plain = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));
    expect(createHash('sha256').update(plain).digest('hex')).toBe(vector.plaintext_sha256);
    const chunks = [0, 1].map((index) =>
      sealChunk(
        vectorKey,
        index,
        index === 1,
        plain.subarray(index * vector.chunk_size, (index + 1) * vector.chunk_size),
      ),
    );
    expect(chunks.map((_, index) => chunkNonce(index, index === 1).toString('hex'))).toEqual(vector.nonces);
    expect(chunks.map((chunk) => chunk.subarray(chunk.length - 16).toString('hex'))).toEqual(vector.tags);
    const encrypted = Buffer.concat(chunks);
    expect(encrypted.length).toBe(vector.encrypted_length);
    expect(encryptedLength(plain.length, vector.chunk_size)).toBe(vector.encrypted_length);
    expect(createHash('sha256').update(encrypted).digest('hex')).toBe(vector.encrypted_sha256);
    expect(Buffer.concat(chunks.map((chunk, index) => openChunk(vectorKey, index, index === 1, chunk)!))).toEqual(
      plain,
    );
  });
});
