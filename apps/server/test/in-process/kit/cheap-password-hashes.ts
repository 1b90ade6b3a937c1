// Setup file of the in-process tier: it signs people up and in by the hundred, so new password
// hashes there cost N=2^12 instead of 2^17 (see useHashCostForTests). The process tier's nodes and
// the hashing-queue check keep the production cost.
import { useHashCostForTests } from '../../../src/auth/password-hasher';

/** What the in-process tier's new hashes cost (about 4 MiB and a few milliseconds each). */
export const CHEAP_LOG2N = 12;

useHashCostForTests(CHEAP_LOG2N);
