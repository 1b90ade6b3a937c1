import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';

/** JSON lines to stdout; in-process tests pass a destination to read what a node logged. */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, base: { service: 'openmsg-node' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/**
 * Nest's logger calls, written as JSON lines by pino. Callers log objects of identifiers and
 * codes; no pass code, secret or message text is ever passed here.
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string) {
    this.write('fatal', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, context?: string) {
    if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, String(message));
  }
}
