import { generateSecretHex } from '@openmsg/core';
import exifReader from 'exif-reader';
import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileKeys, openThumbnail } from '../../../src/files/file-keys';
import { UploadFinisher } from '../../../src/files/upload-finisher';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { InProcessNode } from '../kit/in-process-node';
import {
  HTML_WITH_SCRIPT,
  SVG_WITH_SCRIPT,
  jpegWithHugeHeader,
  jpegWithLocation,
  plainPng,
  pngBomb,
} from '../kit/image-samples';
import { readStoredFile, storeFile } from '../kit/stored-files';

/**
 * The pass that ends an upload (files/upload-finisher.ts): SHA-256, an image's location removed unless kept, its
 * preview, then ready — on uploads arranged as the tus endpoint leaves them (every chunk stored, state uploading).
 */
describe.each(DATABASE_KINDS)('upload finisher (%s)', (kind) => {
  let node: InProcessNode;
  let accountId: string;

  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'a.test', { OPENMSG_NODE_KEY: generateSecretHex() });
    await node.createUser('700', 'Ann Photos');
    accountId = (await node.db.account.findFirstOrThrow({ where: { addressId: '700' } })).id;
  });
  afterAll(() => node?.close());

  const upload = (name: string, bytes: Buffer, options: { keepLocation?: boolean; contentType?: string } = {}) =>
    storeFile(node, { accountId, messageId: null, name, bytes, state: 'uploading', reserve: true, ...options });
  const finish = (id: string) => node.app.get(UploadFinisher).finish(id);
  const row = (id: string) => node.db.attachment.findUniqueOrThrow({ where: { id } });
  const usage = async () =>
    Number((await node.db.fileStorageUsage.findUnique({ where: { key: `account:${accountId}` } }))?.bytes ?? 0);
  const thumbnailOf = async (id: string) => {
    const { fileKey, thumbnail } = await row(id);
    return thumbnail && openThumbnail(node.app.get(FileKeys).open(fileKey), Buffer.from(thumbnail));
  };
  const gpsOf = async (bytes: Buffer) => {
    const { exif } = await sharp(bytes).metadata();
    return exif ? exifReader(exif).GPSInfo : undefined;
  };

  it('removes the location of a JPEG, keeps its orientation, and makes its preview', async () => {
    const photo = await jpegWithLocation({ orientation: 6, width: 1600, height: 800 });
    expect(await gpsOf(photo)).toBeDefined();
    const id = await upload('holiday.jpg', photo, { contentType: 'image/jpeg' });
    const before = await row(id);
    const usedBefore = await usage();

    await finish(id);

    const after = await row(id);
    expect(after.state).toBe('ready');
    const stored = await readStoredFile(node, id);
    expect(await gpsOf(stored)).toBeUndefined();
    expect(stored.includes(Buffer.from('TestCam'))).toBe(false);
    const metadata = await sharp(stored).metadata();
    expect([metadata.format, metadata.orientation, metadata.width, metadata.height]).toEqual(['jpeg', 6, 1600, 800]);
    // New bytes: their size, hash, chunks and key (the old key never seals other text under the same nonces).
    expect(after.size).toBe(stored.length);
    expect(after.storedBytes).toBe(stored.length);
    expect(after.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
    expect(after.fileKey).not.toBe(before.fileKey);
    expect(await usage()).toBe(usedBefore - photo.length + stored.length);
    expect(after.reservedBytes).toBe(stored.length);
    // The preview: WebP, oriented, 640 px on the long side, sealed with the file's (new) key; the size as shown.
    expect([after.width, after.height]).toEqual([800, 1600]);
    const preview = await thumbnailOf(id);
    expect(preview).not.toBeNull();
    const shown = await sharp(preview!).metadata();
    expect([shown.format, shown.width, shown.height, shown.exif]).toEqual(['webp', 320, 640, undefined]);
  });

  it('keeps the location, byte for byte, when the uploader asked to', async () => {
    const photo = await jpegWithLocation();
    const id = await upload('kept.jpg', photo, { keepLocation: true });
    const before = await row(id);
    await finish(id);
    const after = await row(id);
    expect(after.state).toBe('ready');
    expect((await readStoredFile(node, id)).equals(photo)).toBe(true);
    expect(after.fileKey).toBe(before.fileKey);
    expect(after.sha256).toBe(createHash('sha256').update(photo).digest('hex'));
    expect(await gpsOf(await readStoredFile(node, id))).toBeDefined();
    expect(await thumbnailOf(id)).not.toBeNull();
  });

  it('leaves an image without location as uploaded, with a preview', async () => {
    const png = await plainPng(1200, 900);
    const id = await upload('screenshot.png', png);
    await finish(id);
    const after = await row(id);
    expect((await readStoredFile(node, id)).equals(png)).toBe(true);
    expect([after.state, after.width, after.height]).toEqual(['ready', 1200, 900]);
    expect((await sharp((await thumbnailOf(id))!).metadata()).width).toBe(640);
  });

  it('streams any other file once, hash only, no preview', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(700_000)]);
    const id = await upload('report.pdf', pdf);
    await finish(id);
    const after = await row(id);
    expect([after.state, after.sha256, after.thumbnail, after.width]).toEqual([
      'ready',
      createHash('sha256').update(pdf).digest('hex'),
      null,
      null,
    ]);
    expect((await readStoredFile(node, id)).equals(pdf)).toBe(true);
  });

  it('makes no preview of SVG or HTML called .png and typed image/png', async () => {
    for (const bytes of [SVG_WITH_SCRIPT, HTML_WITH_SCRIPT]) {
      const id = await upload('innocent.png', bytes, { contentType: 'image/png' });
      await finish(id);
      const after = await row(id);
      expect([after.state, after.thumbnail, after.width, after.height]).toEqual(['ready', null, null, null]);
      expect((await readStoredFile(node, id)).equals(bytes)).toBe(true);
    }
  });

  it('refuses a PNG bomb and a 30000 × 30000 JPEG header cleanly: ready, no preview, memory flat', async () => {
    const bomb = pngBomb();
    const huge = await jpegWithHugeHeader();
    const ids = [await upload('bomb.png', bomb), await upload('huge.jpg', huge)];
    const rss = process.memoryUsage().rss;
    for (const id of ids) await finish(id);
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1024 * 1024);
    for (const [id, bytes] of [
      [ids[0]!, bomb],
      [ids[1]!, huge],
    ] as const) {
      const after = await row(id);
      expect([after.state, after.thumbnail, after.width]).toEqual(['ready', null, null]);
      expect((await readStoredFile(node, id)).equals(bytes)).toBe(true); // still downloadable as it came
    }
  });

  it('finishes an upload once when several passes run at once', async () => {
    const photo = await jpegWithLocation();
    const id = await upload('burst.jpg', photo);
    const usedBefore = await usage();
    await Promise.all(Array.from({ length: 6 }, () => finish(id)));
    const after = await row(id);
    expect(after.state).toBe('ready');
    const stored = await readStoredFile(node, id);
    expect(await gpsOf(stored)).toBeUndefined();
    expect(after.sha256).toBe(createHash('sha256').update(stored).digest('hex'));
    expect(await node.db.attachmentChunk.count({ where: { attachmentId: id } })).toBe(1);
    expect(await usage()).toBe(usedBefore - photo.length + stored.length);
    expect(await thumbnailOf(id)).not.toBeNull();
  });

  it('does nothing to an upload cancelled or not whole', async () => {
    const photo = await jpegWithLocation();
    const partial = await upload('partial.jpg', photo);
    await node.db.attachment.update({ where: { id: partial }, data: { storedBytes: 10 } });
    await finish(partial);
    expect((await row(partial)).state).toBe('uploading');
    await finish('0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10'); // no such upload
  });

  it('makes the preview of a received image, its bytes untouched, and none for SVG', async () => {
    const sender = await node.db.message.create({
      data: { accountId, direction: 'in', otherAddress: 'x*b.test', body: 'photos', state: 'received' },
    });
    const photo = await jpegWithLocation();
    const received = await storeFile(node, {
      accountId,
      messageId: sender.id,
      name: 'from-bob.jpg',
      bytes: photo,
      state: 'stored',
    });
    const svg = await storeFile(node, {
      accountId,
      messageId: sender.id,
      name: 'x.png',
      bytes: SVG_WITH_SCRIPT,
      state: 'stored',
      position: 1,
    });
    const finisher = node.app.get(UploadFinisher);
    await finisher.previewReceived(received);
    await finisher.previewReceived(svg);
    expect([(await row(received)).width, (await row(received)).height]).toEqual([400, 800]);
    expect(await thumbnailOf(received)).not.toBeNull();
    expect((await readStoredFile(node, received)).equals(photo)).toBe(true); // the sender's hash still holds
    expect(await thumbnailOf(svg)).toBeNull();
  });
});
