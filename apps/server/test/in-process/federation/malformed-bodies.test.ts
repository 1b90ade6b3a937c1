import { FEDERATION_ENDPOINT_NAMES, federationEndpoints, federationPath } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { InProcessNode } from '../kit/in-process-node';

const BAD_BODIES: Array<[string, string, Record<string, string>?]> = [
  ['not JSON at all', 'hello'],
  ['truncated JSON', '{"receiving_openmsg_address_id": "1'],
  ['an empty body', ''],
  ['JSON null', 'null'],
  ['a JSON array', '[1,2,3]'],
  ['a JSON string', '"text"'],
  ['a number', '42'],
  ['an empty object', '{}'],
  [
    'wrong types everywhere',
    JSON.stringify({
      receiving_openmsg_address_id: [],
      pass_code: {},
      sending_openmsg_address: 7,
      ident_code: true,
      message_package: 1,
      message_hash: null,
      message_salt: [],
      message_timestamp: {},
      message_nonce: 5,
      passcode_hash: false,
      receiving_openmsg_address: 1,
    }),
  ],
  ['deeply nested junk', '{"a":'.repeat(500) + '1' + '}'.repeat(500)],
  ['prototype pollution keys', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}'],
  ['text/plain content type', '{}', { 'content-type': 'text/plain' }],
  ['form content type', 'a=1&b=2', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['invalid UTF-8 bytes as latin1', '{"pass_code":"\u00ff\u00fe"}'],
];

describe.each(DATABASE_KINDS)('malformed bodies on every federation endpoint (%s)', (kind) => {
  let node: InProcessNode;
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await node.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as any };
  };

  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'malformed.test');
  });
  afterAll(async () => {
    await node?.close();
  });

  for (const endpoint of FEDERATION_ENDPOINT_NAMES) {
    it.each(BAD_BODIES)(`${endpoint}: %s gets a protocol error`, async (_name, body, headers) => {
      const answer = await post(federationPath(endpoint), body, headers);
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ error: true });
      expect(typeof answer.json.error_message).toBe('string');
      if (federationEndpoints[endpoint].responseCodes.length > 0) expect(answer.json.response_code).toBe('SM_E000');
    });

    it(`${endpoint}: served at every path form of the table, missing fields named`, async () => {
      for (const form of ['standard', 'no-slash', 'sandbox'] as const) {
        const answer = await post(federationPath(endpoint, form), {});
        expect(answer.status).toBe(200);
        expect(answer.json.error_message).toContain(
          `missing ${federationEndpoints[endpoint].requiredFields.join(', ')}`,
        );
        if (federationEndpoints[endpoint].responseCodes.length > 0)
          expect(answer.json).toMatchObject({ response_code: 'SM_E000', error_code: 'message_data_missing' });
        else expect(answer.json).toEqual({ error: true, error_message: answer.json.error_message });
      }
    });
  }

  it('answers a path outside the table with the node-wide 404', async () => {
    const response = await node.fetch('/openmsg/no-such-endpoint/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(404);
  });

  it('answers an oversized body with a protocol error and keeps serving', async () => {
    const huge = JSON.stringify({ message_package: 'A'.repeat(2 * 1024 * 1024) });
    const answer = await post(federationPath('message-receive'), huge);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ error: true, response_code: 'SM_E000' });
    const health = await node.fetch('/healthz');
    expect(health.status).toBe(200);
  });

  it('accepts the endpoint paths without the trailing slash', async () => {
    const answer = await post(federationPath('message-confirm', 'no-slash'), {
      message_hash: 'a'.repeat(64),
      message_nonce: 'A'.repeat(32),
    });
    expect(answer.json).toMatchObject({ error: true, response_code: 'SM_E003' });
  });

  it('is still alive and ready after all of it', async () => {
    const ready = await node.fetch('/readyz');
    expect(ready.status).toBe(200);
  });
});
