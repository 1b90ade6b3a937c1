import { CONFIG_VARIABLES } from './app-config';

/** OPENMSG_* variables read by other parts of the project (the web inbox, the Caddyfile, tests), which may share the node's environment. */
const READ_ELSEWHERE = [
  'OPENMSG_NODE_URL',
  'OPENMSG_NODE_UPSTREAM',
  'OPENMSG_WEB_UPSTREAM',
  'OPENMSG_TEST_POSTGRES_URL',
  'OPENMSG_SHADOW_POSTGRES_URL',
  'OPENMSG_VECTORS',
  'OPENMSG_VECTORS_URL',
  'OPENMSG_PROTOCOL',
  'OPENMSG_NODE_ARGS',
  // The test runner's (scripts/test.sh, apps/server/test/run-tiers.sh), inherited by the nodes and CLIs the tests start.
  'OPENMSG_TEST_BESIDE',
  'OPENMSG_TEST_PROCESS_WORKERS',
  'OPENMSG_TEST_TIERS_IN_SEQUENCE',
  'OPENMSG_TEST_WORKERS',
];

export interface UnknownVariable {
  name: string;
  /** The known variable it most likely meant, when one is close enough. */
  closest: string | null;
}

/**
 * OPENMSG_* variables the node does not read: a misspelt setting (OPENMSG_ALLOW_PRIVATE_PEER) would
 * otherwise be ignored without a word while its default applies.
 */
export function findUnknownVariables(env: NodeJS.ProcessEnv): UnknownVariable[] {
  const known = new Set([...CONFIG_VARIABLES, ...READ_ELSEWHERE]);
  return Object.keys(env)
    .filter((name) => name.startsWith('OPENMSG_') && !known.has(name))
    .sort()
    .map((name) => ({ name, closest: closestVariable(name) }));
}

export function describeUnknownVariable({ name, closest }: UnknownVariable): string {
  return `${name} is not a setting of this node and is ignored${closest ? `; did you mean ${closest}?` : ''}`;
}

function closestVariable(name: string): string | null {
  // OPENMSG_PORT most likely meant PORT: compare without the prefix too.
  const bare = name.slice('OPENMSG_'.length);
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of CONFIG_VARIABLES) {
    const distance = Math.min(editDistance(name, candidate), editDistance(bare, candidate));
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return null;
  return best.distance <= Math.max(2, Math.floor(best.candidate.length / 4)) ? best.candidate : null;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
