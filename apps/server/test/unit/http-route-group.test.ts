import { describe, expect, it } from 'vitest';
import { routeGroupOf, statusClassOf } from '../../src/metrics/http-route-group';

describe('HTTP metrics labels', () => {
  it.each([
    ['/openmsg/auth', 'federation'],
    ['/openmsg/sandbox/message-receive', 'federation'],
    ['/api/v1/events', 'event_stream'],
    ['/api/v1/messages/:id', 'client_api'],
    ['/api/docs/json', 'client_api'],
    ['/healthz', 'operations'],
    ['/readyz', 'operations'],
    ['/metrics', 'operations'],
    ['/.well-known/openmsg', 'other'],
    ['/openmsgx', 'other'],
    ['/apix', 'other'],
    [undefined, 'unmatched'],
  ])('puts the route %s in the group %s', (route, group) => {
    expect(routeGroupOf(route)).toBe(group);
  });

  it.each([
    [200, '2xx'],
    [204, '2xx'],
    [304, '3xx'],
    [401, '4xx'],
    [499, '4xx'],
    [500, '5xx'],
    [503, '5xx'],
  ])('names the status %i %s', (status, statusClass) => {
    expect(statusClassOf(status)).toBe(statusClass);
  });
});
