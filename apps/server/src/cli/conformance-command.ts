import type { INestApplicationContext } from '@nestjs/common';
import { isSameDomain, isValidPassCode, parseAddress } from '@openmsg/core';
import { UsageError } from './usage-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConformanceService } from '../conformance/conformance.service';
import { printReport } from '../conformance/report-printer';

export interface ConformanceOptions {
  address?: string;
  passCode?: string;
  json?: boolean;
  timeout?: string;
}

const DEFAULT_TIME_LIMIT_SECONDS = 60;

/** `check-peer <address> --pass-code <code>` and `check-self`: prints the report, returns the exit code (1 on any FAIL). */
export async function conformanceCommand(
  app: INestApplicationContext,
  command: 'check-peer' | 'check-self',
  options: ConformanceOptions,
): Promise<number> {
  const timeLimit = options.timeout === undefined ? DEFAULT_TIME_LIMIT_SECONDS : Number(options.timeout);
  if (!(Number.isFinite(timeLimit) && timeLimit >= 1 && timeLimit <= 600))
    throw new UsageError('--timeout must be 1-600 seconds');
  const checker = app.get(ConformanceService);
  let report;
  if (command === 'check-peer') {
    const peer = options.address ? parseAddress(options.address) : null;
    if (!peer) throw new UsageError('check-peer needs the address of a user on the other node, e.g. 1234*example.com');
    if (!options.passCode || !isValidPassCode(options.passCode))
      throw new UsageError('check-peer needs --pass-code: 6 digits the other user made for this check');
    if (isSameDomain(peer.domain, app.get<AppConfig>(APP_CONFIG).domain))
      throw new UsageError('that address is on this node: use check-self');
    report = await checker.checkPeer(peer, options.passCode, timeLimit);
  } else {
    report = await checker.checkSelf(timeLimit);
  }
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : printReport(report));
  return report.exitCode;
}
