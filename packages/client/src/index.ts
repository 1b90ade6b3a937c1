// A typed client for an Openmsg node's client API. The routes, request and answer types are the
// contract of @openmsg/core (its `api` part), re-exported with the rest of core (addresses, pass
// codes) so that one import is enough. From the package root, not `@openmsg/core/api`: TypeScript
// projects on the older `moduleResolution: node` cannot resolve subpath exports.
export { type CallArgs, type JsonRouteName, OpenmsgClient, type OpenmsgClientOptions, type RouteCalls } from './client';
export { type ClientErrorCode, isOpenmsgError, OpenmsgError } from './errors';
export { EventStream, type EventStreamHandlers, type EventStreamOptions, type StreamStatus } from './event-stream';
export * from '@openmsg/core';
