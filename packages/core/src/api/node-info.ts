export type RegistrationMode = 'open' | 'closed' | 'invite';

/** GET /api/v1/node: public facts about this node, for the sign-up page and the composer. */
export interface NodeInfo {
  domain: string;
  registration: RegistrationMode;
  messageMaxChars: number;
  passCodeLifetimeSeconds: number;
}
