import fastifyCookie from '@fastify/cookie';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';
import { StorageFaultMonitor } from '../database/storage-fault-monitor';
import { OversizedBodyGuard, registerLenientJsonParsing, requireJsonBodiesOnClientApi } from './body-parsing';
import { ApiExceptionFilter } from './api-exception.filter';
import { forbidCachingPersonalAnswers } from './cache-control';
import { closeConnectionsWhenClosing } from './closing-connections';
import { serveOpenApi } from './openapi';

/**
 * The node's HTTP side, shared by main.ts and the in-process tests so both serve the same parsing,
 * guards, filters and cookies. Fastify's own limit only stops absurd uploads; the configured cap is
 * applied by our parser so it can be answered properly.
 */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const adapter = new FastifyAdapter({
    bodyLimit: 64 * config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    logger: false,
  });
  registerLenientJsonParsing(adapter.getInstance(), config.bodyLimitBytes);
  requireJsonBodiesOnClientApi(adapter.getInstance());
  forbidCachingPersonalAnswers(adapter.getInstance());
  closeConnectionsWhenClosing(adapter.getInstance());
  return adapter;
}

/** Cookies, the body-size guard, the error filter and the OpenAPI pages, on an app made with {@link createFastifyAdapter}. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyCookie);
  app.useGlobalGuards(new OversizedBodyGuard());
  app.useGlobalFilters(new ApiExceptionFilter(app.get(StorageFaultMonitor)));
  serveOpenApi(app);
}
