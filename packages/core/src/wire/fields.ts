import { z } from 'zod';
import { MAX_ADDRESS_LENGTH, normalizeAddress } from '../address';
import { sanitizePeerDisplayName } from '../display-name';

/** Field shapes shared by the four endpoints' bodies. Lenient where docs/PROTOCOL.md lists quirks, strict elsewhere. */

export const addressIdField = z.string().regex(/^[0-9]{1,254}$/, 'must be a string of digits');

/** An address in its canonical form (domain lowercased, punycode, no trailing dot), whatever the spelling received. */
export const addressField = z
  .string()
  .max(MAX_ADDRESS_LENGTH, `must be at most ${MAX_ADDRESS_LENGTH} characters`)
  .transform((value, ctx) => {
    const address = normalizeAddress(value);
    if (address === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an address of the form ID*domain (ID digits, domain a host name)',
      });
      return z.NEVER;
    }
    return address;
  });

export const passCodeField = z.string().regex(/^[0-9]{6}$/, 'must be 6 digits');

/** 64 hex characters; compared in lower case. */
export const hex64Field = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters')
  .transform((value) => value.toLowerCase());

export const base64UrlField = (maxLength: number) =>
  z
    .string()
    .max(maxLength, `must be at most ${maxLength} characters`)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url without padding');

/** The reference sends 32 hex characters; any printable ASCII is hashed verbatim. */
export const saltField = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 printable ASCII characters');

/**
 * Unix seconds as an integer or a digit string. The hash uses the decimal digits as received,
 * so both the text and the numeric value are kept.
 */
export const timestampField = z
  .union([z.number().int().min(0).max(1e12), z.string().regex(/^[0-9]{1,12}$/)], {
    error: 'must be Unix seconds (an integer or a string of digits)',
  })
  .transform((value) => ({ text: String(value), seconds: Number(value) }));

/** `1`, `1.0` (parsed as 1) or `"1.0"`: any 1.x version; optional. */
export const versionField = z
  .union([z.number().min(1).lt(2), z.string().regex(/^1(\.[0-9]+)?$/)], { error: 'must be a 1.x protocol version' })
  .optional()
  .nullable();

/** A peer's display name: any non-empty string, cleaned for display. */
export const peerNameField = z
  .string()
  .max(1000, 'must be at most 1000 characters')
  .transform((value, ctx) => {
    const name = sanitizePeerDisplayName(value);
    if (name === null) {
      ctx.addIssue({ code: 'custom', message: 'must not be blank' });
      return z.NEVER;
    }
    return name;
  });

/** `true`/`false`, `1`/`0`, `"1"`/`"0"`/`""`; null means no. A missing value means yes (the usual default). */
export const allowRepliesField = z
  .union([z.boolean(), z.literal(1), z.literal(0), z.literal('1'), z.literal('0'), z.literal(''), z.null()], {
    error: 'must be a boolean, 1/0 or "1"/"0"/""',
  })
  .optional()
  .transform((value) => value === undefined || value === true || value === 1 || value === '1');
