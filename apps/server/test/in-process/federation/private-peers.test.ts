import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../peer-kit/nodes';
import { InProcessNode } from '../kit/in-process-node';

describe.each(DATABASE_KINDS)('private peers (%s)', (kind) => {
  let node: InProcessNode;
  beforeAll(async () => {
    node = await InProcessNode.start(kind, 'strict.test', {
      OPENMSG_ALLOW_PRIVATE_PEERS: 'false',
      OPENMSG_PEER_OVERRIDES: 'b.test=http://127.0.0.1:9,local.test=http://localhost:9',
    });
  });
  afterAll(async () => {
    await node?.close();
  });

  it('refuses to call loopback targets unless allowed', async () => {
    const carol = await node.createUser('300', 'Carol');
    for (const address of ['200*b.test', '1*local.test', '1*localhost']) {
      const answer = await carol.connect(address, '123456');
      expect(answer.status).toBe(502);
      expect(answer.body.message).toContain('could not be reached');
      expect(answer.body.detail).toMatch(/refused|not public|private|loopback/i);
    }
  });
});
