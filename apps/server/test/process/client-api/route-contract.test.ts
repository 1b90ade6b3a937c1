import { API_ERRORS, API_PREFIX, apiRoutes, errorCodesOf } from '@openmsg/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestNode, type TestNode } from '../../peer-kit/nodes';

type Operation = {
  operationId?: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, { schema: { properties?: { error?: { enum?: string[] } }; $ref?: string } }> }>;
};
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const openApiPath = (path: string) => `${API_PREFIX}${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
const errorEnum = (operation: Operation, status: number) => operation.responses[String(status)]?.content?.['application/json']?.schema.properties?.error?.enum ?? [];

/** The server's routes, as its OpenAPI document lists them (made from every registered controller handler). */
describe('the client API route contract (apiRoutes) and the server', () => {
  let node: TestNode;
  let document: OpenApiDocument;

  beforeAll(async () => {
    node = await startTestNode('sqlite', 'a.test');
    document = (await (await fetch(`${node.baseUrl}/api/docs/json`)).json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await node?.dispose();
  });

  const operation = (route: (typeof apiRoutes)[keyof typeof apiRoutes]): Operation => {
    const found = document.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
    if (!found) throw new Error(`${route.method} ${route.path} is not in the OpenAPI document`);
    return found;
  };

  it('serves every route of the contract with its method and path, and no client API route besides', () => {
    const served = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => HTTP_METHODS.has(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    const contract = Object.values(apiRoutes).map((route) => `${route.method} ${openApiPath(route.path)}`);
    expect(served.sort()).toEqual(contract.sort());
  });

  it('names each operation after its route', () => {
    for (const [name, route] of Object.entries(apiRoutes)) expect({ name, operationId: operation(route).operationId }).toEqual({ name, operationId: name });
  });

  it("documents each route's success status and every error code it can answer, under the code's status", () => {
    for (const [name, route] of Object.entries(apiRoutes)) {
      const responses = operation(route).responses;
      expect({ name, success: String(route.status) in responses }).toEqual({ name, success: true });
      for (const code of errorCodesOf(route)) expect({ name, code, listed: errorEnum(operation(route), API_ERRORS[code].status).includes(code) }).toEqual({ name, code, listed: true });
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
    expect(Object.keys(operation(apiRoutes.sendMessage).requestBody?.content['application/json']?.schema.properties ?? {})).toEqual(['to', 'text']);
    expect(operation(apiRoutes.searchMessages).parameters?.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name)).toEqual(['q', 'limit', 'cursor']);
  });
});
