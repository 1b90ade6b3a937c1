import type { Readable } from 'node:stream';

/**
 * Why a call to a peer failed:
 * - `refused_target`: the domain or an address it resolved/connected to may not be called (SSRF guard);
 * - `dns`: the domain did not resolve;
 * - `connect`: no connection (refused, reset, TLS failure, connect timeout): the request never arrived;
 * - `timeout`: the total time ran out: the peer may have received and processed the request;
 * - `http_status`: an answer with a status other than 200 (`json` holds the body if it parsed);
 * - `too_large`: the answer exceeded the size cap;
 * - `bad_json`: a 200 answer whose body is not JSON;
 * - `redirect`: a redirect that is not followed (another origin, a second hop, no Location, other 3xx).
 */
export type PeerFailureKind =
  'refused_target' | 'dns' | 'connect' | 'timeout' | 'http_status' | 'too_large' | 'bad_json' | 'redirect';

/** How an answer looked on the wire, for the conformance checker (the node itself tolerates all of it). */
export interface PeerAnswerDetails {
  contentType: string | null;
  /** The JSON was wrapped in whitespace (the reference's stray line breaks). */
  padded: boolean;
  /** The answer came after following a redirect. */
  redirected: boolean;
  /** The HTTP Date header, if any. */
  date: string | null;
}

export interface PeerSuccess {
  ok: true;
  status: 200;
  json: unknown;
  details?: PeerAnswerDetails;
}

export interface PeerFailure {
  ok: false;
  kind: PeerFailureKind;
  status?: number;
  /** Safe for logs: never contains a request or response body. */
  message: string;
  /** Parsed body of a non-200 answer, when it was JSON. */
  json?: unknown;
  details?: PeerAnswerDetails;
}

export type PeerResponse = PeerSuccess | PeerFailure;

/** A 2xx answer whose body is read as a stream (PeerClient.openStream): the reader must consume or destroy `body`. */
export interface PeerStream {
  ok: true;
  status: number;
  /** The Content-Length the peer declared, null when it sent none (chunked). */
  contentLength: number | null;
  body: Readable;
}
