import { OpenmsgClient, type StreamEvent } from '@openmsg/client';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, eventually, startTestNode, type TestNode } from '../../peer-kit/nodes';

const PASSWORD = 'correct horse battery';
/** The terminal client that ships as @openmsg/client's example, run as its users run it. */
const CLI = path.resolve(__dirname, '../../../../../packages/client/examples/openmsg-cli.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(node: TestNode, token: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, OPENMSG_URL: node.baseUrl, OPENMSG_TOKEN: token } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** `openmsg-cli watch` in the background, its output collected as it comes. */
function watchCli(node: TestNode, token: string) {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'watch'], {
    env: { ...process.env, OPENMSG_URL: node.baseUrl, OPENMSG_TOKEN: token },
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output, exited };
}

/**
 * Against one real node process: the terminal client sends, lists, reads and watches live, and
 * both it and the library's event stream come back after the node restarts, with a resync.
 */
describe.each(DATABASE_KINDS)('@openmsg/client and its terminal client against a node process (%s)', (kind) => {
  let node: TestNode;
  let ann: OpenmsgClient;
  let annToken: string;
  let bobToken: string;

  beforeAll(async () => {
    node = await startTestNode(kind, 'a.test');
    const tokens: string[] = [];
    for (const [addressId, displayName] of [
      ['10', 'Ann Smith'],
      ['20', 'Bob Jones'],
    ] as const) {
      const session = new OpenmsgClient({ baseUrl: node.baseUrl });
      await session.api.register({ body: { displayName, password: PASSWORD, addressId } });
      tokens.push((await session.api.createToken({ body: { name: 'terminal' } })).token);
    }
    [annToken, bobToken] = tokens as [string, string];
    ann = new OpenmsgClient({ baseUrl: node.baseUrl, token: annToken });
    const bob = new OpenmsgClient({ baseUrl: node.baseUrl, token: bobToken });
    await ann.api.connect({
      body: { address: '20*a.test', passCode: (await bob.api.createPassCode({ body: {} })).code },
    });
  });
  afterAll(async () => {
    await node?.dispose();
  });

  it('sends, lists conversations and reads a conversation', async () => {
    expect(await runCli(node, annToken, 'whoami')).toMatchObject({ code: 0, stdout: '10*a.test  Ann Smith\n' });
    const sent = await runCli(node, annToken, 'send', '20*a.test', 'hello', 'from', 'the', 'terminal');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(/^sent \S+ \(queued\)\n$/);

    const bobsList = await runCli(node, bobToken, 'conversations');
    expect(bobsList.code).toBe(0);
    expect(bobsList.stdout).toMatch(/^\S+ {2}10\*a\.test {2}Ann Smith {2}\(1 unread\) {2}hello from the terminal\n$/);

    const read = await runCli(node, bobToken, 'read', '10*a.test');
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/^\[[^\]]+\] 10\*a\.test: hello from the terminal\n$/);
    expect((await runCli(node, bobToken, 'conversations')).stdout).not.toContain('unread');
    expect((await runCli(node, annToken, 'read', '20*a.test')).stdout).toMatch(
      /-> 20\*a\.test: hello from the terminal {2}\((queued|sending|delivered)\)\n$/,
    );
  });

  it('says what went wrong, with the error code, and exits non-zero', async () => {
    expect(await runCli(node, 'om_not-a-token', 'whoami')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unauthenticated'),
    });
    expect(await runCli(node, annToken, 'send', '30*a.test', 'anyone?')).toMatchObject({
      code: 1,
      stderr: 'openmsg-cli: not_connected: you are not connected to 30*a.test\n',
    });
    expect(await runCli(node, annToken, 'read', '00000000-0000-7000-8000-000000000000')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('not_found'),
    });
    expect(await runCli(node, annToken, 'read', 'no-such-conversation')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('validation_failed'),
    });
    expect(await runCli(node, annToken, 'frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: openmsg-cli'),
    });
    expect((await runCli(node, '', 'whoami')).code).toBe(2);
  });

  it('watch prints a message someone else sends, and after the node restarts catches up on what came meanwhile', async () => {
    const watch = watchCli(node, bobToken);
    const library: StreamEvent[] = [];
    let libraryResyncs = 0;
    const stream = new OpenmsgClient({ baseUrl: node.baseUrl, token: bobToken }).events(
      { onEvent: (event) => void library.push(event), onResync: () => void libraryResyncs++ },
      { retryMs: 100, maxRetryMs: 500 },
    );
    try {
      await eventually(async () => watch.output.stderr.includes('watching 20*a.test') && stream.status === 'live');
      await ann.api.sendMessage({ body: { to: '20*a.test', text: 'are you watching?' } });
      await eventually(async () => /\[[^\]]+\] 10\*a\.test: are you watching\?\n/.test(watch.output.stdout));
      await eventually(async () =>
        library.some((event) => event.type === 'message.created' && event.message.text === 'are you watching?'),
      );

      // The node goes away (its streams end with it) and comes back on the same port and database.
      await node.stop();
      await eventually(
        async () => watch.output.stderr.includes('connection lost: reconnecting') && stream.status === 'reconnecting',
      );
      await node.start();
      // Sent while the terminal client still waits to reconnect (its backoff starts at the node's 3 s): it finds it when it catches up.
      await ann.api.sendMessage({ body: { to: '20*a.test', text: 'while you were away' } });
      await eventually(async () => libraryResyncs === 1 && stream.status === 'live', 30_000);
      await eventually(async () => watch.output.stderr.includes('back: catching up'), 30_000);
      await eventually(async () => watch.output.stdout.includes('10*a.test: while you were away'));

      await ann.api.sendMessage({ body: { to: '20*a.test', text: 'after the restart' } });
      await eventually(async () => watch.output.stdout.includes('10*a.test: after the restart'));
      await eventually(async () =>
        library.some((event) => event.type === 'message.created' && event.message.text === 'after the restart'),
      );
      // Each message printed once, in order.
      expect(watch.output.stdout.split('\n').filter((line) => line.includes('10*a.test:'))).toEqual([
        expect.stringMatching(/: are you watching\?$/),
        expect.stringMatching(/: while you were away$/),
        expect.stringMatching(/: after the restart$/),
      ]);
    } finally {
      stream.close();
      watch.child.kill('SIGINT');
    }
    expect(await watch.exited).toBe(0);
  });
});
