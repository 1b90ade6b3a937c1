/**
 * Caps on failed /auth attempts (docs/PROTOCOL.md "Pass-code guessing"). An attacker owning a domain
 * answers its own callbacks, so only the number of guesses protects a live code.
 *
 * Per target address: 5 failures per 15 minutes, i.e. at most 20 guesses in a code's hour of life
 * (20 / 10^6 = 0.002 %). The cool-down is short on purpose: someone hammering a user can only delay
 * new connections by a quarter of an hour at a time, not lock them out for long.
 * Per source IP: 20 failures per hour, which stops a single host spraying many users.
 * Over a cap, attempts are refused with the same quiet error and the code is not even looked up.
 */
export const AUTH_LIMITS = {
  perTarget: { maxFailures: 5, windowSeconds: 15 * 60 },
  perSource: { maxFailures: 20, windowSeconds: 60 * 60 },
} as const;

export type AuthLimits = typeof AUTH_LIMITS;
