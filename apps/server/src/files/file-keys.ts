import { Injectable } from '@nestjs/common';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { FILE_KEY_BYTES } from './file-cipher';

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
