import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoopbackServer, readBody } from '../../peer-kit/loopback-server';
import { freePort, startTestNode, type TestNode } from '../../peer-kit/nodes';
import { runChecker } from './kit/run-checker';

type Behaviour = 'hang' | 'garbage' | 'redirect';

/** A peer that never answers, answers HTML, or redirects to another host. */
class MisbehavingPeer extends LoopbackServer {
  constructor(private readonly behaviour: Behaviour) {
    super();
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    await readBody(request);
    if (this.behaviour === 'hang') return;
    if (this.behaviour === 'garbage')
      return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>It works!</body></html>');
    response.writeHead(302, { location: 'http://elsewhere.example/openmsg/auth/' }).end();
  }
}

const TIME_LIMIT_SECONDS = 6;

describe('check-peer against peers that hang, answer garbage, redirect or are unreachable (sqlite)', () => {
  let node: TestNode;
  const peers: MisbehavingPeer[] = [];

  beforeAll(async () => {
    const [hang, garbage, redirect] = await Promise.all(
      (['hang', 'garbage', 'redirect'] as const).map((behaviour) => new MisbehavingPeer(behaviour).start()),
    );
    peers.push(hang!, garbage!, redirect!);
    const overrides = [
      `hang.test=${hang!.baseUrl}`,
      `garbage.test=${garbage!.baseUrl}`,
      `redirect.test=${redirect!.baseUrl}`,
      `gone.test=http://127.0.0.1:${await freePort()}`,
    ];
    node = await startTestNode('sqlite', 'a.test', { OPENMSG_PEER_OVERRIDES: overrides.join(',') });
  });
  afterAll(async () => {
    await Promise.all([node?.dispose(), ...peers.map((peer) => peer.stop())]);
  });

  it.each([
    ['hang.test', /time limit|no complete answer/],
    ['garbage.test', /not JSON/],
    ['redirect.test', /redirect to another origin/],
    ['gone.test', /connection failed/],
  ])('%s: a clear FAIL within the time limit, exit 1, nothing left here', async (domain, reason) => {
    const run = await runChecker(node, [
      'check-peer',
      `200*${domain}`,
      '--pass-code',
      '123456',
      '--json',
      '--timeout',
      String(TIME_LIMIT_SECONDS),
    ]);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(1);
    const handshake = run.report.checks.find((check: { id: string }) => check.id === 'auth.handshake');
    expect(handshake).toMatchObject({
      status: 'FAIL',
      received: expect.stringMatching(reason),
      section: expect.stringContaining('§2'),
    });
    // Everything that needs the connection is skipped, not failed again.
    expect(
      run.report.checks
        .filter((check: { status: string }) => check.status === 'SKIP')
        .map((check: { id: string }) => check.id),
    ).toEqual(expect.arrayContaining(['auth.callback', 'message.accepted', 'message.replay-same-package']));
    expect(run.report.durationMs).toBeLessThanOrEqual(TIME_LIMIT_SECONDS * 1000 + 1000);
    expect(run.report.leftBehind).toEqual([expect.stringContaining('here: nothing')]);
    expect(await node.db.account.count()).toBe(0);
  });
});
