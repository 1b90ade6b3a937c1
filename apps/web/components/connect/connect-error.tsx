import type { ConnectErrorCode } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';

/** What to do next, per refusal; the node's own message says what happened. */
const NEXT_STEP: Partial<Record<ConnectErrorCode | 'offline' | 'node_unreachable', string>> = {
  refused: 'A pass code works once and for one hour: ask them for a new one.',
  unreachable: 'Check the part after the * in their address; if it is right, their node may be down: try again later.',
  bad_answer: 'Their node answered in a way this node does not understand; try again later or tell them.',
  ident_conflict: 'You are already connected with this address through another handshake; ask them to delete you as a contact, then connect with a new code.',
  self: 'Connect with someone else’s address: this one is yours.',
  offline: 'Check your connection and try again.',
  node_unreachable: 'Your own node does not answer right now; try again in a moment.',
};

export function ConnectError({ code, message }: { code: string; message: string }) {
  const next = NEXT_STEP[code as keyof typeof NEXT_STEP];
  return (
    <Alert>
      <span className="block font-medium" data-testid="connect-error">
        {message}
      </span>
      {next ? <span className="mt-1 block">{next}</span> : null}
    </Alert>
  );
}
