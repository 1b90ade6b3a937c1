import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { API_ERRORS, API_PREFIX, type ApiRoute, apiRoutes, errorCodesOf } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_METADATA } from '../../../src/http/api-route';
import { InProcessNode } from '../kit/in-process-node';

type Operation = {
  operationId?: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<
    string,
    { content?: Record<string, { schema: { properties?: { error?: { enum?: string[] } }; $ref?: string } }> }
  >;
};
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const openApiPath = (path: string) => `${API_PREFIX}${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
const errorEnum = (operation: Operation, status: number) =>
  operation.responses[String(status)]?.content?.['application/json']?.schema.properties?.error?.enum ?? [];

interface ServedRoute {
  key: string;
  handler: string;
  route: ApiRoute | undefined;
}

/** Every handler of every controller Nest registered, with its method, full path and the contract route it declares. */
function servedRoutes(node: InProcessNode): ServedRoute[] {
  const served: ServedRoute[] = [];
  for (const module of node.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (
          name === 'constructor' ||
          typeof handler !== 'function' ||
          Reflect.getMetadata(PATH_METADATA, handler) === undefined
        )
          continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = `/${[prefix, String(Reflect.getMetadata(PATH_METADATA, handler))].join('/')}`
          .replace(/\/+/g, '/')
          .replace(/(.)\/$/, '$1');
        served.push({
          key: `${method} ${path}`,
          handler: `${controller.name}.${name}`,
          route: Reflect.getMetadata(ROUTE_METADATA, handler) as ApiRoute | undefined,
        });
      }
    }
  }
  return served;
}

describe('the client API route contract (apiRoutes) and the server', () => {
  let node: InProcessNode;
  let document: OpenApiDocument;

  beforeAll(async () => {
    node = await InProcessNode.start('sqlite', 'a.test');
    document = (await (await node.fetch('/api/docs/json')).json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await node?.close();
  });

  it('serves every route of the contract with its method and path, and no client API route besides', () => {
    const served = servedRoutes(node)
      .map((route) => route.key)
      .filter((key) => key.split(' ')[1]?.startsWith(`${API_PREFIX}/`));
    const contract = Object.values(apiRoutes).map((route) => `${route.method} ${API_PREFIX}${route.path}`);
    expect(served.sort()).toEqual(contract.sort());
  });

  it('declares every client API handler with @ApiRoute, so its path, status, guard and validation come from the contract', () => {
    const undeclared = servedRoutes(node).filter(
      (route) => route.key.includes(` ${API_PREFIX}/`) && route.route === undefined,
    );
    expect(undeclared.map((route) => route.handler)).toEqual([]);
  });

  const operation = (route: (typeof apiRoutes)[keyof typeof apiRoutes]): Operation => {
    const found = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
    if (!found) throw new Error(`${route.method} ${route.path} is not in the OpenAPI document`);
    return found;
  };

  it('documents every route of the contract in OpenAPI, and no client API route besides', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => HTTP_METHODS.has(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const contract = Object.values(apiRoutes).map((route) => `${route.method} ${openApiPath(route.path)}`);
    expect(documented.sort()).toEqual(contract.sort());
  });

  it('names each operation after its route', () => {
    for (const [name, route] of Object.entries(apiRoutes))
      expect({ name, operationId: operation(route).operationId }).toEqual({ name, operationId: name });
  });

  it("documents each route's success status and every error code it can answer, under the code's status", () => {
    for (const [name, route] of Object.entries(apiRoutes)) {
      const responses = operation(route).responses;
      expect({ name, success: String(route.status) in responses }).toEqual({ name, success: true });
      for (const code of errorCodesOf(route))
        expect({ name, code, listed: errorEnum(operation(route), API_ERRORS[code].status).includes(code) }).toEqual({
          name,
          code,
          listed: true,
        });
    }
  });

  it('lists the connect failures: refused 422, unreachable 502, malformed_pass_code 400', () => {
    const connect = operation(apiRoutes.connect);
    expect(errorEnum(connect, 422)).toEqual(expect.arrayContaining(['refused', 'ident_conflict']));
    expect(errorEnum(connect, 502)).toEqual(expect.arrayContaining(['unreachable', 'callback_failed', 'bad_answer']));
    expect(errorEnum(connect, 400)).toEqual(expect.arrayContaining(['malformed_pass_code', 'validation_failed']));
    expect(connect.responses['201']?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/Contact');
  });

  it("documents request bodies and queries from the route's own schemas", () => {
    expect(
      Object.keys(operation(apiRoutes.sendMessage).requestBody?.content['application/json']?.schema.properties ?? {}),
    ).toEqual(['to', 'text', 'attachments', 'clientId']);
    expect(
      operation(apiRoutes.searchMessages)
        .parameters?.filter((parameter) => parameter.in === 'query')
        .map((parameter) => parameter.name),
    ).toEqual(['q', 'limit', 'cursor']);
  });
});
