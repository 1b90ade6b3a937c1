import { OpenmsgClient } from '@openmsg/client';

export { type CallArgs, type ClientErrorCode, OpenmsgError } from '@openmsg/client';

/**
 * The node's client API on this origin (the inbox's proxy passes /api/* to the node), through
 * @openmsg/client: the browser keeps the session cookie, and the client sends the CSRF header
 * from the `om_csrf` cookie on every state-changing call.
 */
export const nodeClient = new OpenmsgClient({ cookies: 'browser' });

/**
 * Calls a route of the client API (packages/core/src/api/routes.ts): answers with the route's
 * answer type; throws OpenmsgError with the node's error code (`offline` when nothing answered).
 */
export const callApi: OpenmsgClient['call'] = (route, ...args) => nodeClient.call(route, ...args);
