import { describe, expect, it } from 'vitest';
import {
  hasChipPreview,
  newUploadItem,
  pastedFileName,
  type UploadAction,
  type UploadItem,
  uploadsReducer,
  uploadSummary,
} from '../lib/upload-queue';
import { translator } from './translators';

const t = await translator('files');

const ID = '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e10';
const photo = () => newUploadItem('k1', { name: 'beach.jpg', size: 1000, type: 'image/jpeg' });
const pdf = () => newUploadItem('k2', { name: 'report.pdf', size: 3000, type: 'application/pdf' });
const run = (actions: UploadAction[], start: UploadItem[] = []) => actions.reduce(uploadsReducer, start);

describe('an upload in the composer', () => {
  it('starts uploading; photos may keep their location, off by default', () => {
    expect(photo()).toMatchObject({ status: 'uploading', sentBytes: 0, locationMatters: true, keepLocation: false });
    expect(pdf().locationMatters).toBe(false);
    expect(newUploadItem('k', { name: 'x', size: 1, type: '' }).type).toBe('application/octet-stream');
  });

  it('moves forward only: progress never goes back or past the size, and a late report after the end changes nothing', () => {
    const items = run([
      { type: 'added', items: [photo()] },
      { type: 'progress', key: 'k1', sentBytes: 600 },
      { type: 'progress', key: 'k1', sentBytes: 300 },
    ]);
    expect(items[0]!.sentBytes).toBe(600);
    expect(run([{ type: 'progress', key: 'k1', sentBytes: 5000 }], items)[0]!.sentBytes).toBe(1000);
    const done = run([{ type: 'uploaded', key: 'k1', attachmentId: ID }], items);
    expect(done[0]).toMatchObject({ status: 'ready', sentBytes: 1000, attachmentId: ID });
    expect(run([{ type: 'progress', key: 'k1', sentBytes: 10 }], done)).toEqual(done);
    expect(run([{ type: 'failed', key: 'k1', error: 'late' }], done)).toEqual(done);
  });

  it('a failure keeps the bytes sent; Retry resumes from there', () => {
    const failed = run([
      { type: 'added', items: [photo()] },
      { type: 'progress', key: 'k1', sentBytes: 400 },
      { type: 'failed', key: 'k1', error: 'offline' },
    ]);
    expect(failed[0]).toMatchObject({ status: 'failed', error: 'offline', sentBytes: 400 });
    expect(run([{ type: 'restarted', key: 'k1' }], failed)[0]).toMatchObject({
      status: 'uploading',
      error: null,
      sentBytes: 400,
    });
  });

  it('a new location choice is a new upload from the start', () => {
    const ready = run([
      { type: 'added', items: [photo()] },
      { type: 'uploaded', key: 'k1', attachmentId: ID },
    ]);
    expect(run([{ type: 'restarted', key: 'k1', keepLocation: true }], ready)[0]).toMatchObject({
      status: 'uploading',
      keepLocation: true,
      sentBytes: 0,
      attachmentId: null,
    });
  });

  it('remove, clear after sending, and a failed send gives the files back before those attached meanwhile', () => {
    const both = run([{ type: 'added', items: [photo(), pdf()] }]);
    expect(run([{ type: 'removed', key: 'k1' }], both).map((item) => item.key)).toEqual(['k2']);
    const sent = run([{ type: 'cleared' }], both);
    expect(sent).toEqual([]);
    const meanwhile = newUploadItem('k3', { name: 'later.txt', size: 1, type: 'text/plain' });
    const back = run(
      [
        { type: 'added', items: [meanwhile] },
        { type: 'restored', items: both },
      ],
      sent,
    );
    expect(back.map((item) => item.key)).toEqual(['k1', 'k2', 'k3']);
  });
});

describe('what the composer makes of its uploads', () => {
  it('Send waits while a file uploads, and says so', () => {
    const items = run([
      { type: 'added', items: [photo(), pdf()] },
      { type: 'progress', key: 'k1', sentBytes: 1000 },
      { type: 'progress', key: 'k2', sentBytes: 1000 },
    ]);
    expect(uploadSummary(items, t)).toEqual({
      uploading: 2,
      failed: 0,
      readyIds: [],
      percent: 50,
      blockedBy: 'Send waits until the 2 files have uploaded.',
    });
  });

  it('a failed file blocks Send until it is retried or removed', () => {
    const items = run([
      { type: 'added', items: [photo(), pdf()] },
      { type: 'uploaded', key: 'k2', attachmentId: ID },
      { type: 'failed', key: 'k1', error: 'too big' },
    ]);
    expect(uploadSummary(items, t)).toMatchObject({
      failed: 1,
      readyIds: [ID],
      blockedBy: 'A file did not upload: retry it or remove it to send.',
    });
    expect(uploadSummary(run([{ type: 'removed', key: 'k1' }], items), t)).toMatchObject({
      readyIds: [ID],
      blockedBy: null,
    });
  });

  it('sends the ready ids in the order shown', () => {
    const second = '0193f5a0-6c1e-7cc0-9d55-3f1c2b7a9e11';
    const items = run([
      { type: 'added', items: [photo(), pdf()] },
      { type: 'uploaded', key: 'k2', attachmentId: second },
      { type: 'uploaded', key: 'k1', attachmentId: ID },
    ]);
    expect(uploadSummary(items, t).readyIds).toEqual([ID, second]);
  });

  it('nothing attached: nothing waits', () => {
    expect(uploadSummary([], t)).toEqual({ uploading: 0, failed: 0, readyIds: [], percent: 100, blockedBy: null });
  });
});

describe('pasted and previewed files', () => {
  it('a pasted screenshot is named by its time', () => {
    expect(pastedFileName('image/png', new Date(2026, 11, 6, 9, 5, 3))).toBe('Screenshot 2026-12-06 at 09.05.03.png');
    expect(pastedFileName('image/jpeg', new Date(2026, 0, 1, 0, 0, 0))).toBe('Screenshot 2026-01-01 at 00.00.00.jpg');
  });

  it('chips preview raster images only, never SVG', () => {
    expect(hasChipPreview('image/png')).toBe(true);
    expect(hasChipPreview('image/svg+xml')).toBe(false);
    expect(hasChipPreview('application/pdf')).toBe(false);
  });
});
