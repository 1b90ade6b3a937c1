import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/PROTOCOL.md is the repository's copy of the protocol's shared PROTOCOL.md, which lives beside the
 * repository (../shared/openmsg/PROTOCOL.md from its root, as vectors.json does) or where OPENMSG_PROTOCOL says.
 */
const COPY_PATH = resolve(__dirname, '../../../docs/PROTOCOL.md');
const SHARED_PATH = process.env.OPENMSG_PROTOCOL ?? resolve(__dirname, '../../../../shared/openmsg/PROTOCOL.md');
// Asked for by name, the shared file must be there; beside the repository it may be absent (a clone on its own).
const compare = existsSync(SHARED_PATH) || process.env.OPENMSG_PROTOCOL !== undefined;
if (!compare) {
  console.warn(
    `SKIPPED: the shared PROTOCOL.md is not at ${SHARED_PATH}, so docs/PROTOCOL.md was not compared with it (set OPENMSG_PROTOCOL to its path).`,
  );
}

describe('docs/PROTOCOL.md', () => {
  it('is in the repository', () => {
    expect(readFileSync(COPY_PATH, 'utf8')).toMatch(/^# Openmsg/);
  });

  it.skipIf(!compare)('is identical to the shared PROTOCOL.md', () => {
    expect(existsSync(SHARED_PATH), `${SHARED_PATH} (OPENMSG_PROTOCOL) does not exist`).toBe(true);
    expect(readFileSync(COPY_PATH, 'utf8')).toBe(readFileSync(SHARED_PATH, 'utf8'));
  });
});
