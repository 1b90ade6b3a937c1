import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The floors of apps/server/src (SERVER_FLOORS in eslint.config.mjs) are a lint rule built from import patterns:
 * this checks that it fires on imports that run back up (and only on those), so a change of ESLint's pattern
 * matching cannot leave it silently checking nothing.
 */
const REPO = path.resolve(__dirname, '../../../..');
let eslint: ESLint;

async function floorErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, 'apps/server/src', file) });
  return result!.messages
    .filter((message) => message.message.includes('SERVER_FLOORS'))
    .map((message) => message.message);
}

describe('the import floors of apps/server/src', () => {
  beforeAll(() => {
    eslint = new ESLint({ cwd: REPO });
  });

  it.each([
    ['config/config.module.ts', "import { PeerClient } from '../peers/peer-client';", 'config is on floor 0'],
    ['http/api-route.ts', "import { AuthService } from '../auth/auth.service';", 'http is on floor 2'],
    [
      'accounts/me.controller.ts',
      "import { clearSessionCookies } from '../auth/session-cookies';",
      'accounts is on floor 3',
    ],
    [
      'accounts/accounts.service.ts',
      "import { FileQuotaRepository } from '../files/file-quota.repository';",
      'accounts is on floor 3',
    ],
    [
      'conformance/checks/self.checks.ts',
      "import { UsageError } from '../../cli/usage-error';",
      'conformance is on floor 3',
    ],
    [
      'messages/messages.service.ts',
      "import type { ConversationsService } from '../conversations/conversations.service';",
      'messages is on floor 5',
    ],
    [
      'messages/message-writing.repository.ts',
      "import { ConversationsRepository } from '../conversations/conversations.repository';",
      'messages is on floor 5',
    ],
    [
      'http/api-route.ts',
      "import { AdminRoleAuthorizer } from '../admin/admin-role.authorizer';",
      'http is on floor 2',
    ],
    [
      'metrics/node-state-gauges.ts',
      "import { EventStreamsService } from '../realtime/event-streams.service';",
      'metrics is on floor 3',
    ],
  ])(
    'refuses %s importing a folder on its floor or above',
    async (file, code, message) => {
      expect(await floorErrors(file, `${code}\nexport {};\n`)).toEqual([expect.stringContaining(message)]);
    },
    60_000,
  );

  it.each([
    ['auth/auth.service.ts', "import { AccountsService } from '../accounts/accounts.service';"],
    ['auth/auth.controller.ts', "import { ApiRoute } from '../http/api-route';"],
    ['peers/peer-gateway.ts', "import { APP_CONFIG } from '../config/app-config';"],
    ['conformance/checks/self.checks.ts', "import { buildPeerUrl } from '../../peers/peer-url';"],
    ['http/api-exception.filter.ts', "import { StorageFaultMonitor } from '../database/storage-fault-monitor';"],
    ['realtime/event-streams-gauge.ts', "import { MetricsService } from '../metrics/metrics.service';"],
    ['cli/admin.ts', "import { ConformanceService } from '../conformance/conformance.service';"],
    ['conversations/conversations.service.ts', "import { MessageWriter } from '../messages/message-writer.service';"],
  ])(
    'lets %s import a folder on a lower floor',
    async (file, code) => {
      expect(await floorErrors(file, `${code}\nexport {};\n`)).toEqual([]);
    },
    60_000,
  );
});
