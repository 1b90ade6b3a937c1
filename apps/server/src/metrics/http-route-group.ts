/**
 * HTTP requests are counted by route group and status class, never by path: a path carries IDs
 * and anything a client sends, which would make one series per request.
 */
export const ROUTE_GROUPS = ['federation', 'client_api', 'event_stream', 'operations', 'other', 'unmatched'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

const OPERATIONS = new Set(['/healthz', '/readyz', '/metrics']);

/** The group of a route by its pattern (`/api/v1/messages/:id`); `undefined` when no route matched. */
export function routeGroupOf(routePattern: string | undefined): RouteGroup {
  if (routePattern === undefined) return 'unmatched';
  if (routePattern === '/openmsg' || routePattern.startsWith('/openmsg/')) return 'federation';
  if (routePattern === '/api/v1/events') return 'event_stream';
  if (routePattern === '/api' || routePattern.startsWith('/api/')) return 'client_api';
  if (OPERATIONS.has(routePattern)) return 'operations';
  return 'other';
}

/** `2xx`, `4xx`, `5xx`... */
export function statusClassOf(statusCode: number): string {
  return `${Math.floor(statusCode / 100)}xx`;
}
