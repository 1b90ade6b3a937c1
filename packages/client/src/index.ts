// A typed client for an Openmsg node's client API. The routes, request and answer types are the
// contract of @openmsg/core/api, re-exported here so that one import is enough.
export { type CallArgs, type JsonRouteName, OpenmsgClient, type OpenmsgClientOptions, type RouteCalls } from './client';
export { type ClientErrorCode, isOpenmsgError, OpenmsgError } from './errors';
export { EventStream, type EventStreamHandlers, type EventStreamOptions, type StreamStatus } from './event-stream';
export * from '@openmsg/core/api';
