import type { OpenmsgError } from '@openmsg/client';

/**
 * Whether a thrown value is @openmsg/client's OpenmsgError, told by its name: importing the class itself
 * would bring the whole client and the contract's route table (its zod schemas) into every page that shows
 * an error, the sign-in page too, which loads them only when it calls the node (lib/lazy-api.ts).
 */
export function isOpenmsgError(value: unknown): value is OpenmsgError {
  return value instanceof Error && value.name === 'OpenmsgError';
}
