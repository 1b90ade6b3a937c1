import { fromBase64Url, toBase64Url } from '@openmsg/core';
import { ApiException } from './api-error';

/** Opaque page cursors: the sort position (a time and an ID) of the last item of the previous page. */
export interface CursorPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return toBase64Url(new TextEncoder().encode(`${position.createdAt.getTime()}:${position.id}`));
}

export function decodeCursor(cursor: string | undefined): CursorPosition | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const [time, id] = new TextDecoder().decode(fromBase64Url(cursor)).split(':');
    const createdAt = new Date(Number(time));
    if (!id || !/^[0-9]+$/.test(time ?? '') || Number.isNaN(createdAt.getTime())) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new ApiException('bad_cursor', undefined, { fields: ['cursor'] });
  }
}
