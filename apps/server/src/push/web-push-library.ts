import type WebPush from 'web-push';

let library: typeof WebPush | null = null;

/**
 * web-push (and the JWT, ASN.1 and encryption modules under it), loaded at the first push rather than at start:
 * a node whose users turn no notifications on never needs it in memory.
 */
export function webPush(): typeof WebPush {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose (see above)
  library ??= require('web-push') as typeof WebPush;
  return library;
}
