import { randomBytes, randomUUID } from 'node:crypto';
import { toBase64Url } from '@openmsg/core';
import { digestKeyOf, tokenDigestWith } from '../src/node-keys/node-keys.service';
import type { TestNode } from '../test/peer-kit/nodes';
import type { SeededAccount } from './inbox-stream';

/** Rows per createMany: well under SQLite's bound-value cap with the widest table here (Connection, 8 columns). */
const CHUNK = 500;

/**
 * `count` accounts on the receiver, each signed in (an access token) and connected to the sender's
 * one account, written straight into both nodes' databases: the rows a handshake would leave, with
 * the same three secrets on both sides, without N handshakes. The receiver must have started (it
 * generates the secret its token digests are keyed with).
 */
export async function seedInboxes(
  sender: { node: TestNode; accountId: string; address: string },
  receiver: TestNode,
  addressIds: number[],
): Promise<SeededAccount[]> {
  const digestKey = digestKeyOf(await nodeSecret(receiver));
  const seeded = addressIds.map((addressId, index) => ({
    index,
    addressId,
    accountId: randomUUID(),
    address: `${addressId}*${receiver.domain}`,
    token: `om_${toBase64Url(randomBytes(32))}`,
    conversationId: randomUUID(),
    senderConversationId: randomUUID(),
    receiverConnectionId: randomUUID(),
    senderConnectionId: randomUUID(),
    secrets: { authCode: hex64(), identCode: hex64(), messageCryptKey: hex64() },
  }));
  for (let start = 0; start < seeded.length; start += CHUNK) {
    const chunk = seeded.slice(start, start + CHUNK);
    await receiver.db.account.createMany({
      data: chunk.map((s) => ({
        id: s.accountId,
        addressId: String(s.addressId),
        displayName: `Inbox ${s.addressId}`,
      })),
    });
    await receiver.db.apiToken.createMany({
      data: chunk.map((s) => ({
        accountId: s.accountId,
        name: 'streams bench',
        tokenDigest: tokenDigestWith(digestKey, s.token),
      })),
    });
    await receiver.db.connection.createMany({
      data: chunk.map((s) => ({
        id: s.receiverConnectionId,
        accountId: s.accountId,
        otherAddress: sender.address,
        otherName: 'Sender',
        otherAcceptsMessages: true,
        ...s.secrets,
      })),
    });
    await receiver.db.conversation.createMany({
      data: chunk.map((s) => ({ id: s.conversationId, accountId: s.accountId, connectionId: s.receiverConnectionId })),
    });
    await sender.node.db.connection.createMany({
      data: chunk.map((s) => ({
        id: s.senderConnectionId,
        accountId: sender.accountId,
        otherAddress: s.address,
        otherName: `Inbox ${s.addressId}`,
        otherAcceptsMessages: true,
        ...s.secrets,
      })),
    });
    await sender.node.db.conversation.createMany({
      data: chunk.map((s) => ({
        id: s.senderConversationId,
        accountId: sender.accountId,
        connectionId: s.senderConnectionId,
      })),
    });
  }
  return seeded.map(({ index, accountId, address, token, conversationId }) => ({
    index,
    accountId,
    address,
    token,
    conversationId,
  }));
}

/** The root secret the node generated at its first start (the bench runs without OPENMSG_NODE_KEY). */
async function nodeSecret(node: TestNode): Promise<Buffer> {
  const setting = await node.db.nodeSetting.findUnique({ where: { key: 'node_secret' } });
  if (!setting) throw new Error(`${node.domain} has no node_secret setting: is it started, without OPENMSG_NODE_KEY?`);
  return Buffer.from(setting.value, 'hex');
}

function hex64(): string {
  return randomBytes(32).toString('hex');
}
