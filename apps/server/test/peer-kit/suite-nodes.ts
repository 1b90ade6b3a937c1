import { afterAll, afterEach, beforeAll } from 'vitest';
import { type DatabaseKind, startConnectedPairBehindProxy, startPair, type TestNode } from './nodes';

// Vitest hooks for process-tier suites, apart from nodes.ts so that the benchmarks can use nodes.ts outside Vitest.

type ConnectedPairBehindProxy = Awaited<ReturnType<typeof startConnectedPairBehindProxy>>;

/** For a describe block: two nodes (startPair) started before its tests and disposed after them. */
export function pairForSuite(kind: DatabaseKind): { a: TestNode; b: TestNode } {
  const pair = {} as { a: TestNode; b: TestNode };
  beforeAll(async () => {
    Object.assign(pair, await startPair(kind));
  });
  afterAll(async () => {
    await Promise.all([pair.a?.dispose(), pair.b?.dispose()]);
  });
  return pair;
}

/**
 * For a describe block: startConnectedPairBehindProxy before its tests (handed to `use`), the proxy
 * passing everything again after each test, all of it stopped after the last.
 */
export function connectedPairBehindProxyForSuite(
  kind: DatabaseKind,
  use: (pair: ConnectedPairBehindProxy) => void,
): void {
  let pair: ConnectedPairBehindProxy | undefined;
  beforeAll(async () => {
    pair = await startConnectedPairBehindProxy(kind);
    use(pair);
  });
  afterEach(() => {
    if (pair) pair.proxy.mode = 'pass';
  });
  afterAll(async () => {
    await Promise.all([pair?.a.dispose(), pair?.b.dispose()]);
    await pair?.proxy.stop();
  });
}
