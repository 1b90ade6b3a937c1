import { sha256Hex } from './hash';
import { randomInt } from './random';

export const PASS_CODE_LENGTH = 6;
const PASS_CODE_PATTERN = /^[0-9]{6}$/;

/** Six decimal digits from a CSPRNG, uniformly distributed, leading zeros kept. */
export function generatePassCode(): string {
  return randomInt(10 ** PASS_CODE_LENGTH)
    .toString()
    .padStart(PASS_CODE_LENGTH, '0');
}

export function isValidPassCode(code: string): boolean {
  return typeof code === 'string' && PASS_CODE_PATTERN.test(code);
}

/**
 * The hash both nodes compute in the handshake. The initiator typed the pass code and calls
 * /auth; the receiver issued the code. Addresses are hashed verbatim.
 */
export function passcodeHash(passCode: string, initiatorAddress: string, receiverAddress: string): string {
  return sha256Hex(passCode, initiatorAddress, receiverAddress);
}
