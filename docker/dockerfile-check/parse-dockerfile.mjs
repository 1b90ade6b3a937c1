// A small Dockerfile reader for the check: stages (FROM ... AS name) and, in order, their COPY
// (sources, destination, --from, the WORKDIR in force) and RUN steps. Enough for the project's
// own Dockerfiles: line continuations, comments, JSON-form COPY; no ARG expansion.

/** @returns {{ name: string | null, from: string, steps: object[] }[]} */
export function parseDockerfile(text) {
  const stages = [];
  let workdir = '/';
  for (const { line, instruction } of instructions(text)) {
    const [keyword, ...rest] = instruction.split(/\s+/);
    const args = rest.join(' ');
    switch (keyword.toUpperCase()) {
      case 'FROM': {
        const match = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(args);
        const base = match?.[1] ?? args;
        const parent = stages.find((s) => s.name === base);
        stages.push({ name: match?.[2] ?? null, from: base, steps: [] });
        workdir = parent ? parent.workdir : '/';
        stages.at(-1).workdir = workdir;
        break;
      }
      case 'WORKDIR':
        workdir = args.startsWith('/') ? args : `${workdir.replace(/\/$/, '')}/${args}`;
        stages.at(-1).workdir = workdir;
        break;
      case 'COPY':
      case 'ADD': {
        const words = splitWords(args);
        const flags = words.filter((w) => w.startsWith('--'));
        const paths = words.filter((w) => !w.startsWith('--'));
        const fromFlag = flags.find((f) => f.startsWith('--from='));
        stages.at(-1).steps.push({
          kind: 'COPY',
          line,
          sources: paths.slice(0, -1),
          dest: paths.at(-1),
          fromStage: fromFlag ? fromFlag.slice('--from='.length) : null,
          workdir,
        });
        break;
      }
      case 'RUN':
        stages.at(-1).steps.push({
          kind: 'RUN',
          line,
          text: args,
          summary: args.length > 60 ? `RUN ${args.slice(0, 57)}...` : `RUN ${args}`,
        });
        break;
      default:
        break;
    }
  }
  return stages;
}

/** Logical instructions with the line they start on: continuations joined, comments and blanks dropped. */
function instructions(text) {
  const result = [];
  let pending = null;
  for (const [index, raw] of text.split('\n').entries()) {
    const trimmed = raw.trim();
    if (!pending && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (pending && trimmed.startsWith('#')) continue;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending
      ? { line: pending.line, instruction: `${pending.instruction} ${part}` }
      : { line: index + 1, instruction: part };
    if (!continued) {
      result.push(pending);
      pending = null;
    }
  }
  if (pending) result.push(pending);
  return result;
}

/** Words of a COPY: the JSON form (["a", "b"]) or the shell-like form. */
function splitWords(args) {
  const json = /^((?:--\S+\s+)*)(\[.*\])$/.exec(args);
  if (json) return [...json[1].split(/\s+/).filter(Boolean), ...JSON.parse(json[2])];
  return args.split(/\s+/).filter(Boolean);
}
