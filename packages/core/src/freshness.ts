/** How long a message hash stays acceptable after its timestamp (docs/PROTOCOL.md time windows). */
export const MESSAGE_FRESHNESS_SECONDS = 60;
/** How far in the future a sender's clock may be before its timestamp is refused. */
export const DEFAULT_FUTURE_SKEW_SECONDS = 30;

export interface FreshnessOptions {
  windowSeconds?: number;
  futureSkewSeconds?: number;
}

export type Freshness = 'fresh' | 'expired' | 'future';

/** The reference's rule `timestamp + 60 < now` is "expired"; beyond it, a far-future timestamp is refused too. */
export function checkFreshness(
  timestampSeconds: number,
  nowSeconds: number,
  options: FreshnessOptions = {},
): Freshness {
  const window = options.windowSeconds ?? MESSAGE_FRESHNESS_SECONDS;
  const skew = options.futureSkewSeconds ?? DEFAULT_FUTURE_SKEW_SECONDS;
  if (timestampSeconds + window < nowSeconds) return 'expired';
  if (timestampSeconds > nowSeconds + skew) return 'future';
  return 'fresh';
}

export function unixSeconds(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}
