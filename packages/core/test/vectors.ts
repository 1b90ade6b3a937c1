import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The shared test vectors live beside the repository: ../shared/openmsg/vectors.json from its root. */
const VECTORS_PATH = process.env.OPENMSG_VECTORS ?? resolve(__dirname, '../../../../shared/openmsg/vectors.json');

export interface PasscodeVector {
  id: string;
  pass_code: string;
  initiator_address: string;
  receiver_address: string;
  hashed_string: string;
  passcode_hash: string;
}
export interface MessageVector {
  id: string;
  text: string;
  text_utf8_hex: string;
  text_utf8_bytes: number;
  text_code_points: number;
  message_crypt_key: string;
  nonce_hex: string;
  secretbox_hex: string;
  message_package: string;
  message_nonce: string;
  auth_code: string;
  message_salt: string;
  message_timestamp: number;
  message_hash: string;
}
export interface NegativeVector {
  id: string;
  kind: string;
  expect: 'open_fails' | 'hash_mismatch';
  message_package: string;
  message_crypt_key?: string;
  auth_code?: string;
  message_salt?: string;
  message_timestamp?: number;
  message_hash?: string;
  correct_message_hash?: string;
}
export interface Vectors {
  passcode_vectors: PasscodeVector[];
  message_vectors: MessageVector[];
  negative_vectors: NegativeVector[];
  wire_examples: Record<string, string>;
}

export function loadVectors(): Vectors {
  if (!existsSync(VECTORS_PATH)) {
    throw new Error(
      `Test vectors not found at ${VECTORS_PATH}. They come from shared/openmsg/vectors.json beside the repository (or set OPENMSG_VECTORS).`,
    );
  }
  const vectors = JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as Vectors;
  if (
    !vectors.passcode_vectors?.length ||
    !vectors.message_vectors?.length ||
    !vectors.negative_vectors?.length ||
    !vectors.wire_examples
  ) {
    throw new Error(`Test vectors at ${VECTORS_PATH} are incomplete`);
  }
  return vectors;
}
