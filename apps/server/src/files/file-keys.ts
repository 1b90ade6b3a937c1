import { Injectable } from '@nestjs/common';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { FILE_KEY_BYTES, openChunk, sealChunk } from './file-cipher';

/** A file's key as stored in Attachment.fileKey: hex, sealed with the node key when one is configured (like connection secrets). */
@Injectable()
export class FileKeys {
  constructor(private readonly keys: NodeKeysService) {}

  seal(key: Buffer): string {
    return this.keys.sealSecret(key.toString('hex'));
  }

  open(stored: string): Buffer {
    const key = Buffer.from(this.keys.openSecret(stored), 'hex');
    if (key.length !== FILE_KEY_BYTES) throw new Error('a stored file key is not 32 bytes');
    return key;
  }
}

/**
 * A preview is sealed with its file's key under a nonce no chunk of any file can have (a file would need 2^53 chunks):
 * one key never seals two texts under one nonce.
 */
const THUMBNAIL_NONCE_INDEX = Number.MAX_SAFE_INTEGER;

export function sealThumbnail(fileKey: Buffer, webp: Buffer): Buffer {
  return sealChunk(fileKey, THUMBNAIL_NONCE_INDEX, false, webp);
}

export function openThumbnail(fileKey: Buffer, sealed: Buffer): Buffer | null {
  return openChunk(fileKey, THUMBNAIL_NONCE_INDEX, false, sealed);
}
