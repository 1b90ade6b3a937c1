import { createTestDatabase, type DatabaseKind, freePort, TestNode } from './nodes';

/**
 * `count` replicas of one node: processes of the same domain on one fresh database, each on its own
 * port. The first applies the migrations before the others start, and only the first drops the
 * database when disposed (see {@link disposeReplicas}).
 */
export async function startReplicas(
  kind: DatabaseKind,
  domain: string,
  count: number,
  env: Record<string, string> = {},
): Promise<TestNode[]> {
  const shared = await createTestDatabase(kind);
  const replicas: TestNode[] = [];
  for (let i = 0; i < count; i++) {
    replicas.push(
      new TestNode(domain, await freePort(), i === 0 ? shared : { ...shared, drop: async () => undefined }, env),
    );
  }
  const [first, ...others] = replicas as [TestNode, ...TestNode[]];
  await first.start();
  await Promise.all(others.map((replica) => replica.start()));
  return replicas;
}

/** Disposes the replicas that keep the database, then the first, which drops it. */
export async function disposeReplicas(replicas: (TestNode | undefined)[]): Promise<void> {
  const [first, ...others] = replicas;
  await Promise.all(others.map((replica) => replica?.dispose()));
  await first?.dispose();
}
