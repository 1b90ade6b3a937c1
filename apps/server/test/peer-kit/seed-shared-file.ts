// Stores, in a node's database, a sent message with files and a download link to each, as delivery toward a node
// without files-1 leaves them (docs/extensions/files.md §6), and prints the links' tokens as JSON. For the inbox's
// browser tests (apps/web/e2e/download-page.spec.ts), which may not import the server or the database:
//   tsx seed-shared-file.ts <DATABASE_URL> '{"sender":{"addressId":"100","displayName":"Ann"},"files":[...]}'
// A file's bytes are `i mod 251`, so a test knows what a download must give. The node must run without
// OPENMSG_NODE_KEY: the tokens and file keys are stored in clear.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createDatabase } from '@openmsg/db';
import { chunkCount, FILE_CHUNK_SIZE, newFileKey, sealChunk } from '../../src/files/file-cipher';

interface SeedRequest {
  sender: { addressId: string; displayName: string };
  files: { name: string; contentType: string; size: number; linkDays: number }[];
}

export function seededBytes(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = i % 251;
  return bytes;
}

async function main(): Promise<void> {
  const [databaseUrl, json] = process.argv.slice(2);
  if (!databaseUrl || !json) throw new Error('usage: seed-shared-file.ts <DATABASE_URL> <request JSON>');
  const request = JSON.parse(json) as SeedRequest;
  const db = createDatabase(databaseUrl);
  try {
    const account = await db.account.upsert({
      where: { addressId: request.sender.addressId },
      create: { addressId: request.sender.addressId, displayName: request.sender.displayName },
      update: {},
    });
    const messageId = randomUUID();
    await db.message.create({
      data: {
        id: messageId,
        accountId: account.id,
        otherAddress: '7*reference.test',
        direction: 'out',
        body: 'files for you',
        state: 'delivered',
      },
    });
    const tokens: string[] = [];
    for (const [position, file] of request.files.entries()) {
      const bytes = seededBytes(file.size);
      const key = newFileKey();
      const attachment = await db.attachment.create({
        data: {
          accountId: account.id,
          messageId,
          position,
          name: file.name,
          contentType: file.contentType,
          size: file.size,
          storedBytes: file.size,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          fileKey: key.toString('hex'),
          chunkSize: FILE_CHUNK_SIZE,
          state: 'ready',
        },
      });
      const n = chunkCount(file.size, FILE_CHUNK_SIZE);
      for (let index = 0; index < n; index++) {
        const plain = bytes.subarray(index * FILE_CHUNK_SIZE, (index + 1) * FILE_CHUNK_SIZE);
        const data = new Uint8Array(sealChunk(key, index, index === n - 1, plain));
        await db.attachmentChunk.create({ data: { attachmentId: attachment.id, index, data } });
      }
      const token = randomBytes(32).toString('base64url');
      await db.fileLink.create({
        data: {
          tokenHash: createHash('sha256').update(token).digest('hex'),
          token,
          attachmentId: attachment.id,
          expiresAt: new Date(Date.now() + file.linkDays * 86_400_000),
        },
      });
      tokens.push(token);
    }
    process.stdout.write(`${JSON.stringify({ tokens })}\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
