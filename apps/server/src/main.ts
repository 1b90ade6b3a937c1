import './runtime/v8-flags';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseDatabaseUrl } from '@openmsg/db';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { startupWarnings } from './config/startup-warnings';
import { describeUnknownVariable, findUnknownVariables } from './config/unknown-variables';
import { prepareDatabase } from './database/prepare-database';
import { configureApp, createFastifyAdapter } from './http/fastify-app';
import { createRootLogger, PinoLoggerService } from './logging/pino-logger';
import { startIdleMemoryTrim } from './runtime/idle-memory-trim';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createRootLogger(config.logLevel);
  for (const unknown of findUnknownVariables(process.env))
    logger.warn({ variable: unknown.name, closest: unknown.closest }, describeUnknownVariable(unknown));
  for (const warning of startupWarnings(config, process.env)) logger.warn(warning);
  const started = Date.now();
  const applied = await prepareDatabase(config);
  logger.info({ applied, ms: Date.now() - started }, 'database migrations checked');

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createFastifyAdapter(config),
    {
      logger: new PinoLoggerService(logger),
      bodyParser: false,
    },
  );
  await configureApp(app);
  app.enableShutdownHooks();
  // Node's default queue of 511 connections waiting to be accepted overflows when thousands of inboxes reconnect at
  // once (a replica stopped): the rest waited for the kernel's SYN retries, up to a minute. The kernel caps it at
  // net.core.somaxconn (4096 on current kernels).
  await app.listen({ port: config.port, host: config.host, backlog: 4096 });
  startIdleMemoryTrim();
  logger.info(
    { domain: config.domain, port: config.port, database: parseDatabaseUrl(config.databaseUrl).kind },
    'openmsg node listening',
  );
}

bootstrap().catch((error: Error) => {
  console.error(`openmsg node failed to start: ${error.message}`);
  process.exit(1);
});
