import type { NodeFileLimits } from './attachments';

export type RegistrationMode = 'open' | 'closed' | 'invite';

/** GET /api/v1/node: public facts about this node, for the sign-up page and the composer. */
export interface NodeInfo {
  domain: string;
  registration: RegistrationMode;
  /** The longest text toward a node without files-1 (v1.0: 2000 by default); a longer one goes in parts. */
  messageMaxChars: number;
  /** The longest text one message can carry at all (toward a files-1 node, or same-node). */
  longMessageMaxChars: number;
  /** Files: null when this node has them switched off. */
  files: NodeFileLimits | null;
  passCodeLifetimeSeconds: number;
}
