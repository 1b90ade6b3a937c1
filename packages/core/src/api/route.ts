import type { z } from 'zod';
import { type ApiErrorCode, STORAGE_FAULT_CODES } from './errors';

/** Every client API path starts with this; a route's `path` is what follows it. */
export const API_PREFIX = '/api/v1';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** `/contacts/:id/read` -> `'id'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** A schema of a route's path parameters: an object of strings as they arrive in the path. */
export type ParamsSchema = z.ZodType<Record<string, unknown>, Record<string, string>>;

/**
 * One route of the client API: the single definition the server's controllers, the web inbox's
 * client, the test client and the OpenAPI document are derived from. `Response` is carried in the
 * type only (`void` for a 204).
 */
export interface ApiRoute<
  Method extends HttpMethod = HttpMethod,
  Path extends string = string,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Response = unknown,
  Params extends ParamsSchema | undefined = ParamsSchema | undefined,
> {
  readonly method: Method;
  readonly path: Path;
  /** Validates the path parameters (`:id` in `path`): one field per parameter, no other. */
  readonly params: Params;
  readonly body: Body;
  readonly query: Query;
  /** The status of a successful answer. */
  readonly status: 200 | 201 | 204;
  /** False for the few routes a signed-out visitor may call. */
  readonly auth: boolean;
  /** Only for accounts with the admin role; anyone else, signed in or not, gets 404 as for a route that does not exist. */
  readonly admin?: boolean;
  /** The error codes this route answers with besides those every route of its kind can give (see errorCodesOf). */
  readonly errors: readonly ApiErrorCode[];
  readonly summary: string;
  /** Server-Sent Events instead of one JSON answer. */
  readonly stream?: boolean;
  /** Type-level only: never set at run time. */
  readonly response?: Response;
}

type RouteDefinition<Method extends HttpMethod, Path extends string, Params, Body, Query, Stream extends boolean> = {
  method: Method;
  path: Path;
  params?: Params;
  body?: Body;
  query?: Query;
  status?: 200 | 201 | 204;
  auth?: boolean;
  admin?: boolean;
  errors?: readonly ApiErrorCode[];
  summary: string;
  stream?: Stream;
};

/**
 * A path with parameters needs a schema naming exactly those parameters; a path without needs none.
 * What the compiler says when they disagree is the `params` type below.
 */
type ParamsCheck<Path extends string, Params> = [PathParamNames<Path>] extends [never]
  ? { params?: undefined }
  : Params extends ParamsSchema
    ? [
        Exclude<keyof z.input<Params>, PathParamNames<Path>> | Exclude<PathParamNames<Path>, keyof z.input<Params>>,
      ] extends [never]
      ? unknown
      : { params: `the schema's fields must be the path parameters: ${PathParamNames<Path>}` }
    : { params: ParamsSchema };

/**
 * `defineRoute<Me>()({ method: 'GET', path: '/me', summary: '...' })`: the answer's type is given,
 * everything else is inferred from the definition.
 */
export function defineRoute<Response>() {
  return <
    Method extends HttpMethod,
    const Path extends string,
    Params extends ParamsSchema | undefined = undefined,
    Body extends z.ZodType | undefined = undefined,
    Query extends z.ZodType | undefined = undefined,
    Stream extends boolean = false,
  >(
    definition: RouteDefinition<Method, Path, Params, Body, Query, Stream> & ParamsCheck<Path, Params>,
  ): DefinedRoute<Method, Path, Body, Query, Response, Stream, Params> => {
    const route: ApiRoute<Method, Path, Body, Query, Response, Params> = {
      method: definition.method,
      path: definition.path,
      params: definition.params as Params,
      body: definition.body as Body,
      query: definition.query as Query,
      status: definition.status ?? (definition.method === 'POST' ? 201 : definition.method === 'DELETE' ? 204 : 200),
      auth: definition.auth ?? true,
      errors: definition.errors ?? [],
      summary: definition.summary,
      ...(definition.admin ? { admin: true } : {}),
      ...(definition.stream ? { stream: true } : {}),
    };
    return route as DefinedRoute<Method, Path, Body, Query, Response, Stream, Params>;
  };
}

/** A stream route keeps `stream: true` in its type, so its handler may answer nothing (it writes the stream). */
type DefinedRoute<
  Method extends HttpMethod,
  Path extends string,
  Body extends z.ZodType | undefined,
  Query extends z.ZodType | undefined,
  Response,
  Stream extends boolean,
  Params extends ParamsSchema | undefined,
> = ApiRoute<Method, Path, Body, Query, Response, Params> & (Stream extends true ? { readonly stream: true } : unknown);

export type RouteResponse<R> =
  R extends ApiRoute<
    HttpMethod,
    string,
    z.ZodType | undefined,
    z.ZodType | undefined,
    infer Response,
    ParamsSchema | undefined
  >
    ? Response
    : never;

/** What a caller passes for a route: path parameters, the body and the query, each only where the route has them. */
export type RouteInput<R extends ApiRoute> = (R['params'] extends ParamsSchema
  ? { params: z.input<R['params']> }
  : object) &
  (R['body'] extends z.ZodType ? { body: z.input<R['body']> } : object) &
  (R['query'] extends z.ZodType ? { query?: z.input<R['query']> } : object);

/**
 * Every error code a route can answer with: its own, and those of authentication, validation and the HTTP layer.
 * An admin route answers `not_found` instead of `unauthenticated`: it does not exist for anyone but an admin.
 */
export function errorCodesOf(route: ApiRoute): ApiErrorCode[] {
  const codes = new Set<ApiErrorCode>(route.errors);
  if (route.admin) ['not_found', 'csrf_failed'].forEach((code) => codes.add(code as ApiErrorCode));
  else if (route.auth) ['unauthenticated', 'csrf_failed'].forEach((code) => codes.add(code as ApiErrorCode));
  if (route.params || route.body || route.query) codes.add('validation_failed');
  if (route.body)
    ['bad_request', 'payload_too_large', 'unsupported_media_type'].forEach((code) => codes.add(code as ApiErrorCode));
  codes.add('internal_error');
  STORAGE_FAULT_CODES.forEach((code) => codes.add(code));
  return [...codes];
}

/** The route's path with its parameters filled in (encoded) and its query string, starting with API_PREFIX. */
export function routeUrl(
  route: ApiRoute,
  input: { params?: Record<string, string>; query?: Record<string, unknown> } = {},
): string {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new Error(`routeUrl: missing path parameter ${name} for ${route.path}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input.query ?? {}))
    if (value !== undefined && value !== null) query.set(key, String(value));
  const search = query.toString();
  return `${API_PREFIX}${path}${search ? `?${search}` : ''}`;
}
