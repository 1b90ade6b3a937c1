import type { AppConfig } from './app-config';

/**
 * Settings that are allowed but that an operator should hear about at every start. Encryption at rest
 * matters most: a compose file or unit that fails to pass OPENMSG_NODE_KEY would otherwise run a
 * production node that stores message text and connection secrets in the clear without a word.
 */
export function startupWarnings(config: Pick<AppConfig, 'nodeKey'>, env: NodeJS.ProcessEnv): string[] {
  const warnings: string[] = [];
  if (env.NODE_ENV === 'production' && !config.nodeKey) {
    warnings.push(
      'ENCRYPTION AT REST IS OFF: OPENMSG_NODE_KEY is not set, so message text and connection secrets are stored ' +
        'unencrypted. Set it to 64 hex characters (openssl rand -hex 32) and keep it safe (docs/operating.md#configuration).',
    );
  }
  return warnings;
}
