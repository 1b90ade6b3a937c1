import { toHex } from './encoding';
import { randomBytes } from './random';

/** 32 random bytes as 64 lowercase hex characters. */
export function generateSecretHex(): string {
  return toHex(randomBytes(32));
}

export interface ConnectionSecrets {
  authCode: string;
  identCode: string;
  messageCryptKey: string;
}

export function generateConnectionSecrets(): ConnectionSecrets {
  return { authCode: generateSecretHex(), identCode: generateSecretHex(), messageCryptKey: generateSecretHex() };
}
