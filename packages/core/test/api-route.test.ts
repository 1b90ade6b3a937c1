import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  API_ERRORS,
  apiErrorCodeForStatus,
  apiPath,
  apiRoutes,
  errorCodesOf,
  isStorageFaultCode,
  routeUrl,
  STORAGE_FAULT_CODES,
} from '../src/api';

describe('routeUrl', () => {
  it('fills in and encodes path parameters under the API prefix', () => {
    expect(routeUrl(apiRoutes.getContact, { params: { id: 'a/b c' } })).toBe('/api/v1/contacts/a%2Fb%20c');
    expect(routeUrl(apiRoutes.markConversationRead, { params: { conversationId: '42' } })).toBe(
      '/api/v1/conversations/42/read',
    );
    expect(routeUrl(apiRoutes.me)).toBe('/api/v1/me');
  });

  it('adds the query, leaving out absent values', () => {
    expect(routeUrl(apiRoutes.searchMessages, { query: { q: 'hello bob', limit: 5, cursor: undefined } })).toBe(
      '/api/v1/messages/search?q=hello+bob&limit=5',
    );
  });

  it('refuses a missing path parameter', () => {
    expect(() => routeUrl(apiRoutes.getMessage, {})).toThrow(/missing path parameter id/);
  });
});

describe('path parameters', () => {
  it('every route with :names in its path declares exactly those parameters, each an id', () => {
    for (const [name, route] of Object.entries(apiRoutes)) {
      const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]);
      const schema = route.params as z.ZodObject | undefined;
      expect({ name, params: schema ? Object.keys(schema.shape) : [] }).toEqual({ name, params: names });
      if (schema) expect(errorCodesOf(route), name).toContain('validation_failed');
    }
  });

  it('takes a UUID and refuses anything else', () => {
    const id = randomUUID();
    expect(apiRoutes.getMessage.params.parse({ id })).toEqual({ id });
    for (const bad of ['', 'nope', `${id}x`, 'a\u0000b', '../me'])
      expect(apiRoutes.getMessage.params.safeParse({ id: bad }).success).toBe(false);
  });

  it('apiPath builds a path by route name, typed from the contract', () => {
    expect(apiPath('getMessage', { params: { id: 'a/b' } })).toBe('/api/v1/messages/a%2Fb');
    expect(apiPath('conversationMessages', { params: { conversationId: 'c' }, query: { limit: 3 } })).toBe(
      '/api/v1/conversations/c/messages?limit=3',
    );
    expect(apiPath('me')).toBe('/api/v1/me');
  });
});

describe('errorCodesOf', () => {
  it("adds authentication, validation, body, internal and storage fault codes to the route's own", () => {
    expect(errorCodesOf(apiRoutes.connect).sort()).toEqual(
      [
        ...apiRoutes.connect.errors,
        'unauthenticated',
        'csrf_failed',
        'validation_failed',
        'bad_request',
        'payload_too_large',
        'unsupported_media_type',
        'internal_error',
        ...STORAGE_FAULT_CODES,
      ].sort(),
    );
  });

  it('gives a public route without body or query only its own codes, internal_error and the storage faults', () => {
    expect(errorCodesOf(apiRoutes.nodeInfo)).toEqual([
      'internal_error',
      'database_unavailable',
      'storage_full',
      'storage_read_only',
    ]);
  });

  it('answers every storage fault 503, each with its own code', () => {
    expect(STORAGE_FAULT_CODES.map((code) => API_ERRORS[code].status)).toEqual([503, 503, 503]);
    expect(STORAGE_FAULT_CODES.every(isStorageFaultCode)).toBe(true);
    expect(['internal_error', 'service_unavailable', 'busy', 'x'].some(isStorageFaultCode)).toBe(false);
  });

  it('gives a query route validation_failed but none of the body codes', () => {
    const codes = errorCodesOf(apiRoutes.searchMessages);
    expect(codes).toContain('validation_failed');
    expect(codes).not.toContain('unsupported_media_type');
  });
});

describe('the route table', () => {
  it('has one route per method and path', () => {
    const keys = Object.values(apiRoutes).map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists only known error codes, and maps HTTP statuses to generic ones', () => {
    for (const route of Object.values(apiRoutes))
      for (const code of errorCodesOf(route)) expect(API_ERRORS[code]).toBeDefined();
    expect(apiErrorCodeForStatus(404)).toBe('not_found');
    expect(apiErrorCodeForStatus(413)).toBe('payload_too_large');
    expect(apiErrorCodeForStatus(418)).toBe('bad_request');
    expect(apiErrorCodeForStatus(504)).toBe('internal_error');
  });
});
