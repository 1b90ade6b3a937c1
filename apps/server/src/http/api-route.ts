import {
  applyDecorators,
  createParamDecorator,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  Patch,
  Post,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCookieAuth, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { API_PREFIX, type ApiRoute as RouteDefinition, apiRoutes, type RouteResponse } from '@openmsg/core';
import { z } from 'zod';
import { AdminRouteGuard, ApiAuthGuard } from './api-auth.guard';
import { validateWith } from './validate-with';
import { errorResponses, successResponse } from './route-responses';

/** Where @ApiRoute keeps the route on the handler (read by @RouteBody/@RouteQuery and the contract test). */
export const ROUTE_METADATA = 'openmsg:api-route';
const METHOD_DECORATORS = { GET: Get, POST: Post, PATCH: Patch, DELETE: Delete } as const;

/** What a handler of the route returns: the contract's answer type, or nothing for a stream (it writes the stream itself). */
type HandlerResult<R extends RouteDefinition> = R extends { stream: true } ? void : RouteResponse<R>;
type RouteHandler<R extends RouteDefinition> = (...args: never[]) => HandlerResult<R> | Promise<HandlerResult<R>>;

/** The validated path parameters of the route: the type of a `@RouteParams()` parameter. */
export type RouteParamsOf<R extends RouteDefinition> = R['params'] extends z.ZodType ? z.output<R['params']> : never;
/** The validated body of the route (parsed by its own schema): the type of a `@RouteBody()` parameter. */
export type RouteBodyOf<R extends RouteDefinition> = R['body'] extends z.ZodType ? z.output<R['body']> : never;
/** The validated query of the route: the type of a `@RouteQuery()` parameter. */
export type RouteQueryOf<R extends RouteDefinition> = R['query'] extends z.ZodType ? z.output<R['query']> : never;

/**
 * Serves a route of the client API contract (`apiRoutes` of @openmsg/core/api): its method and full
 * path (the controller itself has no prefix: `@Controller()`), its success status, the auth guard
 * when the route needs a signed-in user (the admin guard for an admin route), and its OpenAPI entry (request schema, success answer and
 * every error code it can answer with). The handler's return type is checked against the route's
 * answer type, so a controller cannot answer a shape the contract does not promise.
 */
export function ApiRoute<R extends RouteDefinition>(route: R) {
  const name = routeName(route);
  const decorators = [
    METHOD_DECORATORS[route.method](`${API_PREFIX}${route.path}`.slice(1)),
    HttpCode(route.status),
    SetMetadata(ROUTE_METADATA, route),
    ApiOperation({ operationId: name, summary: route.summary }),
    ...(route.auth ? [UseGuards(route.admin ? AdminRouteGuard : ApiAuthGuard), ApiBearerAuth(), ApiCookieAuth()] : []),
    ...(route.body ? [ApiBody({ schema: jsonSchemaOf(route.body) })] : []),
    ...pathParameters(route),
    ...queryParameters(route),
    ApiResponse(successResponse(name, route)),
    ...errorResponses(route).map((response) => ApiResponse(response)),
  ];
  const apply = applyDecorators(...decorators);
  return <H extends RouteHandler<R>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    apply(target, key, descriptor);
  };
}

/** The path parameters, validated by the schema of the handler's route: a malformed id is a 400 `validation_failed`, never a lookup. */
export const RouteParams = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const schema = routeOf(context).params;
  if (!schema) throw new Error(`${context.getHandler().name}: its route has no path parameters`);
  return validateWith(schema, context.switchToHttp().getRequest<{ params?: unknown }>().params);
});

/** The request body, validated by the schema of the handler's route (never a schema of the controller's choosing). */
export const RouteBody = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const schema = routeOf(context).body;
  if (!schema) throw new Error(`${context.getHandler().name}: its route takes no body`);
  return validateWith(schema, context.switchToHttp().getRequest<{ body?: unknown }>().body);
});

/** The query string, validated by the schema of the handler's route. */
export const RouteQuery = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const schema = routeOf(context).query;
  if (!schema) throw new Error(`${context.getHandler().name}: its route takes no query`);
  return validateWith(schema, context.switchToHttp().getRequest<{ query?: unknown }>().query);
});

function routeOf(context: ExecutionContext): RouteDefinition {
  const route = Reflect.getMetadata(ROUTE_METADATA, context.getHandler()) as RouteDefinition | undefined;
  if (!route) throw new Error(`${context.getHandler().name} has no @ApiRoute`);
  return route;
}

function routeName(route: RouteDefinition): string {
  const entry = Object.entries(apiRoutes).find(([, candidate]) => candidate === route);
  if (!entry) throw new Error(`${route.method} ${route.path} is not a route of apiRoutes`);
  return entry[0];
}

/** The JSON Schema of what a client sends (zod's input side), without the `$schema` line OpenAPI does not take. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return json;
}

function pathParameters(route: RouteDefinition): MethodDecorator[] {
  if (!route.params) return [];
  const schema = jsonSchemaOf(route.params) as { properties?: Record<string, Record<string, unknown>> };
  return Object.entries(schema.properties ?? {}).map(([name, property]) =>
    ApiParam({ name, required: true, schema: property }),
  );
}

function queryParameters(route: RouteDefinition): MethodDecorator[] {
  if (!route.query) return [];
  const schema = jsonSchemaOf(route.query) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) =>
    ApiQuery({
      name,
      required: schema.required?.includes(name) ?? false,
      schema: property,
      description: property.description as string | undefined,
    }),
  );
}
