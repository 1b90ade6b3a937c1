import { describe, expect, it } from 'vitest';
import {
  FEDERATION_ENDPOINT_NAMES,
  federationEndpointAt,
  federationEndpoints,
  federationPath,
  invalidRequestReply,
  parseFederationRequest,
  RESPONSE_CODES,
} from '../src';
import { loadVectors } from './vectors';

const wire = loadVectors().wire_examples as Record<string, string>;

/** The reference's request bytes for each endpoint (vectors.json). */
const REFERENCE_REQUESTS = {
  auth: wire.auth_request,
  'auth-confirm': wire.auth_confirm_request,
  'message-receive': wire.message_receive_request,
  'message-confirm': wire.message_confirm_request,
} satisfies Record<keyof typeof federationEndpoints, string | undefined>;

describe('the federation table', () => {
  it('lists the four endpoints of PROTOCOL.md "Transport", each keyed by its own name', () => {
    expect(FEDERATION_ENDPOINT_NAMES).toEqual(['auth', 'auth-confirm', 'message-receive', 'message-confirm']);
    for (const name of FEDERATION_ENDPOINT_NAMES) expect(federationEndpoints[name].name).toBe(name);
  });

  it('spells every path form as the reference serves it', () => {
    expect(federationPath('auth')).toBe('/openmsg/auth/');
    expect(federationPath('message-confirm', 'no-slash')).toBe('/openmsg/message-confirm');
    expect(federationPath('auth-confirm', 'sandbox')).toBe('/openmsg/sandbox/auth-confirm/');
    for (const name of FEDERATION_ENDPOINT_NAMES) {
      for (const form of ['standard', 'no-slash', 'sandbox'] as const)
        expect(federationEndpointAt(federationPath(name, form))).toBe(name);
    }
    expect(federationEndpointAt('/openmsg/nothing/')).toBeNull();
    expect(federationEndpointAt('/openmsg/constructor')).toBeNull();
  });

  it.each(FEDERATION_ENDPOINT_NAMES)('%s: parses the reference request bytes with its schema', (name) => {
    expect(parseFederationRequest(name, JSON.parse(REFERENCE_REQUESTS[name]!)).ok).toBe(true);
  });

  it('lists only response codes of PROTOCOL.md, on the message endpoints only', () => {
    for (const name of FEDERATION_ENDPOINT_NAMES) {
      for (const code of federationEndpoints[name].responseCodes) expect(Object.keys(RESPONSE_CODES)).toContain(code);
    }
    expect(federationEndpoints.auth.responseCodes).toEqual([]);
    expect(federationEndpoints['auth-confirm'].responseCodes).toEqual([]);
    expect(federationEndpoints['message-confirm'].responseCodes).toEqual(['SM_E000', 'SM_E003']);
  });

  it('answers a malformed body as each endpoint answers it on the wire', () => {
    const parsed = parseFederationRequest('auth', {});
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(invalidRequestReply('auth', parsed)).toEqual({ error: true, error_message: parsed.message });
    expect(invalidRequestReply('message-receive', parsed)).toEqual({
      error: true,
      response_code: 'SM_E000',
      error_code: 'message_data_missing',
      error_message: parsed.message,
    });
    const wrongType = parseFederationRequest('message-confirm', { message_hash: 'x', message_nonce: 'y' });
    expect(!wrongType.ok && invalidRequestReply('message-confirm', wrongType)).toMatchObject({
      response_code: 'SM_E000',
      error_code: 'unknown_error',
    });
  });
});
