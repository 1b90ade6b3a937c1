import type { NodeFileLimits } from '@openmsg/core/api';

/**
 * What another app hands the inbox through the system share sheet (Web Share Target, see app/manifest.ts):
 * the title, text and url fields as that app filled them (any may be empty), and files. The service worker
 * (public/sw/share-target.js) keeps them in IndexedDB; without one, the server route
 * (app/(inbox)/share/incoming/route.ts) carries the text to /share in the query and the files are lost.
 */
/** The share target's action (app/manifest.ts; public/sw/share-target.js and the route of the same path take it). */
export const SHARE_ACTION = '/share/incoming';

export interface SharedFields {
  title: string;
  text: string;
  url: string;
}

/** A shared file the service worker could not keep, and why (the page says so; the others are kept). */
export interface LeftOutFile {
  name: string;
  size: number;
  /**
   * `no-files`: the node takes no files; `too-big`: larger than the node takes; `too-many`: beyond one message's
   * files; `not-kept`: the browser had no room for it.
   */
  reason: 'no-files' | 'too-big' | 'too-many' | 'not-kept';
}

const EMPTY: SharedFields = { title: '', text: '', url: '' };

/**
 * The message a share becomes, each part on its own line: the title (unless the text already holds it, or it
 * only repeats the url), the text, and the url (unless the text already holds it: many apps put the link in both).
 */
export function sharedMessageText(fields: Partial<SharedFields>): string {
  const { title, text, url } = { ...EMPTY, ...trimmed(fields) };
  const parts: string[] = [];
  if (title && !text.includes(title) && title !== url) parts.push(title);
  if (text) parts.push(text);
  if (url && !text.includes(url)) parts.push(url);
  return parts.join('\n');
}

function trimmed(fields: Partial<SharedFields>): Partial<SharedFields> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, (value ?? '').trim()]));
}

/** A conversation's draft with the shared text after it (a blank line between): nothing written before is lost. */
export function withSharedText(draft: string, shared: string): string {
  if (!shared) return draft;
  if (!draft.trim()) return shared;
  return `${draft.replace(/\s+$/, '')}\n\n${shared}`;
}

/**
 * The most text the server route carries to /share in the query (without a service worker): the address, doubled
 * in length by encoding and again inside sign-in's `?next=` when signed out, stays well under the 16 KB a request's
 * head may take.
 */
export const QUERY_TEXT_MAX_CHARS = 2000;

export interface SharedQuery {
  fields: SharedFields;
  /** Files that came with the share and could not be kept (there was no service worker to keep them). */
  filesLost: number;
  /** The text was cut to QUERY_TEXT_MAX_CHARS. */
  cut: boolean;
}

/** `/share?…` from the server route: the fields (cut to fit, in code points), how many files were lost. */
export function sharedQuery(fields: Partial<SharedFields>, filesLost: number): URLSearchParams {
  let room = QUERY_TEXT_MAX_CHARS;
  let cut = false;
  const query = new URLSearchParams();
  for (const key of ['title', 'url', 'text'] as const) {
    const characters = Array.from((fields[key] ?? '').trim());
    if (characters.length === 0) continue;
    if (characters.length > room) cut = true;
    const kept = characters.slice(0, room).join('');
    room -= Math.min(room, characters.length);
    if (kept) query.set(key, kept);
  }
  if (filesLost > 0) query.set('filesLost', String(filesLost));
  if (cut) query.set('cut', '1');
  return query;
}

/** What /share reads back from its query; null when the query carries no share (the service worker kept it). */
export function sharedFromQuery(query: Pick<URLSearchParams, 'get'>): SharedQuery | null {
  const fields = { title: query.get('title') ?? '', text: query.get('text') ?? '', url: query.get('url') ?? '' };
  const filesLost = Number.parseInt(query.get('filesLost') ?? '0', 10);
  const lost = Number.isFinite(filesLost) && filesLost > 0 ? Math.min(filesLost, 1000) : 0;
  if (!sharedMessageText(fields) && lost === 0) return null;
  return { fields, filesLost: lost, cut: query.get('cut') === '1' };
}

/**
 * Which shared files the node takes (the same rule as public/sw/share-target.js, which applies it before keeping
 * them when it could ask the node): none when it takes no files (`limits` null), then one larger than it takes is
 * left out, and beyond one message's number of files the rest are. The contact's own limits and the quota are
 * checked when the files are attached (lib/composer-limits.ts).
 */
export function splitSharedFiles<F extends { name: string; size: number }>(
  files: F[],
  limits: Pick<NodeFileLimits, 'maxFileBytes' | 'maxFilesPerMessage'> | null,
): { kept: F[]; leftOut: LeftOutFile[] } {
  const kept: F[] = [];
  const leftOut: LeftOutFile[] = [];
  for (const file of files) {
    if (!limits) leftOut.push({ name: file.name, size: file.size, reason: 'no-files' });
    else if (file.size > limits.maxFileBytes) leftOut.push({ name: file.name, size: file.size, reason: 'too-big' });
    else if (kept.length >= limits.maxFilesPerMessage)
      leftOut.push({ name: file.name, size: file.size, reason: 'too-many' });
    else kept.push(file);
  }
  return { kept, leftOut };
}
