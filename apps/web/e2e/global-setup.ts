import { startStack } from './stack';

/** Starts the two nodes and their inboxes once for the whole run; the returned function stops them. */
export default async function globalSetup() {
  const stack = await startStack();
  process.env.E2E_WEB_A = stack.webA;
  process.env.E2E_WEB_B = stack.webB;
  return stack.stop;
}
