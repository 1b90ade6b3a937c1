import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ANSWER_TYPE_NAMES } from './route-responses';

/**
 * The client API's OpenAPI document at /api/docs (UI) and /api/docs/json, made from the route
 * contract (`apiRoutes` of `@openmsg/core/api`) through each handler's @ApiRoute: method, path,
 * request schemas (from the zod schemas), the success answer and every error code per status.
 * Answer types are TypeScript types, so they are components named after them, not spelled out.
 */
export function serveOpenApi(app: NestFastifyApplication): void {
  // Made on the first request for it, not at start: the document and what scanning the routes
  // leaves behind hold about 9 MiB that a node serving messages never needs.
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'api/docs/json' });
}

function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Openmsg node: client API')
    .setDescription(
      'The JSON API of the web inbox and of scripts. Browsers sign in with a session cookie and send the `x-csrf-token` header (value of the `om_csrf` cookie) on every state-changing request; scripts send `Authorization: Bearer om_...` (a personal access token). Errors are `{statusCode, error, message, detail?, fields?}`; each operation lists its `error` codes under their HTTP status (the table: API_ERRORS). Request and response types: packages/core/src/api.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'personal access token (om_...)' })
    .addCookieAuth('om_session')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    // Only the client API: /openmsg/* is the federation protocol (docs/PROTOCOL.md), the rest is operations.
    include: [],
  });
  for (const path of Object.keys(document.paths)) if (!path.startsWith('/api/')) delete document.paths[path];
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...answerTypeSchemas() },
  };
  return document;
}

function answerTypeSchemas(): Record<string, { type: 'object'; description: string }> {
  return Object.fromEntries(
    ANSWER_TYPE_NAMES.map((name) => [
      name,
      {
        type: 'object' as const,
        description: `the TypeScript type ${name} of @openmsg/core/api (packages/core/src/api)`,
      },
    ]),
  );
}
