#!/usr/bin/env node
// @ts-check
/* eslint-disable no-console -- a terminal program: printing is its output */
// A small terminal client for an Openmsg node, built on @openmsg/client: sign in with an access
// token, list conversations, read one, send a message, and watch new messages arrive live.
//   OPENMSG_URL=https://example.com OPENMSG_TOKEN=om_... openmsg-cli conversations
import { parseArgs } from 'node:util';
import { isOpenmsgError, OpenmsgClient } from '@openmsg/client';

const USAGE = `usage: openmsg-cli [--url URL] [--token TOKEN] <command>

commands:
  whoami                          the signed-in account
  conversations [--limit N]       conversations, most recent first
  read <address|conversation-id>  the last messages of a conversation (marks it read)
  send <address> <text...>        send a message
  watch                           print new messages as they arrive (Ctrl-C to stop)

--url and --token default to OPENMSG_URL and OPENMSG_TOKEN (a personal access token, om_...).`;

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.OPENMSG_URL },
    token: { type: 'string', default: process.env.OPENMSG_TOKEN },
    limit: { type: 'string', default: '20' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...args] = positionals;
if (flags.help || !command) exit(flags.help ? 0 : 2, USAGE);
if (!flags.url || !flags.token)
  exit(2, 'openmsg-cli: set the node URL and an access token (--url/--token or OPENMSG_URL/OPENMSG_TOKEN)');
const limit = Number(flags.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > 100) exit(2, 'openmsg-cli: --limit is a number from 1 to 100');

const client = new OpenmsgClient({ baseUrl: flags.url, token: flags.token });

try {
  switch (command) {
    case 'whoami': {
      const me = await client.api.me();
      console.log(`${me.address}  ${me.displayName}`);
      break;
    }
    case 'conversations':
      await listConversations();
      break;
    case 'read':
      if (!args[0]) exit(2, USAGE);
      await readConversation(args[0]);
      break;
    case 'send': {
      const [to, ...words] = args;
      if (!to || words.length === 0) exit(2, USAGE);
      const message = await client.api.sendMessage({ body: { to, text: words.join(' ') } });
      console.log(`sent ${message.id} (${message.state})`);
      break;
    }
    case 'watch':
      await watch();
      break;
    default:
      exit(2, USAGE);
  }
} catch (error) {
  if (!isOpenmsgError(error)) throw error;
  const fields = error.fields.length > 0 ? ` (${error.fields.join(', ')})` : '';
  exit(1, `openmsg-cli: ${error.code}: ${error.message}${fields}`);
}

async function listConversations() {
  const page = await client.api.listConversations({ query: { limit } });
  if (page.items.length === 0) console.log('no conversations yet');
  for (const conversation of page.items) {
    const unread = conversation.unreadCount > 0 ? `  (${conversation.unreadCount} unread)` : '';
    const last = conversation.lastMessage ? `  ${oneLine(conversation.lastMessage.text)}` : '';
    console.log(`${conversation.id}  ${conversation.contact.address}  ${conversation.contact.name}${unread}${last}`);
  }
}

/** @param {string} which an address (1234*example.com) or a conversation id */
async function readConversation(which) {
  let conversationId = which;
  if (which.includes('*')) {
    const { items } = await client.api.listContacts();
    const contact = items.find((candidate) => candidate.address === which.toLowerCase());
    if (!contact) exit(1, `openmsg-cli: you have no contact ${which}`);
    conversationId = contact.conversationId;
  }
  const page = await client.api.conversationMessages({ params: { conversationId }, query: { limit } });
  for (const message of [...page.items].reverse()) printMessage(message);
  await client.api.markConversationRead({ params: { conversationId } });
}

/**
 * New messages as they come. After the stream was lost and is back, the messages that arrived in
 * between are fetched (resync) and printed in order, each message once.
 */
async function watch() {
  const me = await client.api.me();
  const printed = new Set();
  let lastSeen = new Date().toISOString();
  /** @param {import('@openmsg/client').MessageView} message */
  const show = (message) => {
    if (printed.has(message.id)) return;
    printed.add(message.id);
    if (message.createdAt > lastSeen) lastSeen = message.createdAt;
    printMessage(message);
  };
  const catchUp = async () => {
    const since = lastSeen;
    const { items } = await client.api.listConversations({ query: { limit: 100 } });
    const missed = [];
    for (const conversation of items.filter((candidate) => (candidate.lastMessage?.createdAt ?? '') > since)) {
      const page = await client.api.conversationMessages({
        params: { conversationId: conversation.id },
        query: { limit: 100 },
      });
      missed.push(...page.items.filter((message) => message.createdAt > since));
    }
    missed.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).forEach(show);
  };
  const stream = client.events({
    onEvent: (event) => {
      if (event.type === 'message.created') show(event.message);
    },
    onStatus: (status) => {
      if (status === 'live') console.error(`watching ${me.address} (Ctrl-C to stop)`);
      if (status === 'reconnecting') console.error('connection lost: reconnecting...');
    },
    onResync: () => {
      console.error('back: catching up');
      catchUp().catch((error) => console.error(`catching up failed: ${error.message}`));
    },
    onError: (error) => {
      console.error(`openmsg-cli: ${error.code}: ${error.message}`);
      process.exitCode = 1;
    },
  });
  process.once('SIGINT', () => stream.close());
  process.once('SIGTERM', () => stream.close());
  await stream.closed;
}

/** @param {import('@openmsg/client').MessageView} message */
function printMessage(message) {
  const time = new Date(message.createdAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const line = oneLine(message.text);
  if (message.direction === 'in') console.log(`[${time}] ${message.otherAddress}: ${line}`);
  else console.log(`[${time}] -> ${message.otherAddress}: ${line}  (${message.state})`);
}

/** @param {string} text */
function oneLine(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * @param {number} code
 * @param {string} text
 * @returns {never}
 */
function exit(code, text) {
  (code === 0 ? console.log : console.error)(text);
  process.exit(code);
}
