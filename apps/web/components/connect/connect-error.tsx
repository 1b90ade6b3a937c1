import type { ConnectErrorCode } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';

/**
 * The node's message already says whose side failed and what to do; these add the next step where
 * the browser knows better (it is offline, or our own node does not answer).
 */
const NEXT_STEP: Partial<Record<ConnectErrorCode | 'offline' | 'node_unreachable', string>> = {
  offline: 'Check your connection and try again.',
  node_unreachable: 'Your own node does not answer right now; try again in a moment.',
};

export function ConnectError({ code, message, detail }: { code: string; message: string; detail?: string | null }) {
  const next = NEXT_STEP[code as keyof typeof NEXT_STEP];
  return (
    <Alert>
      <span className="block font-medium" data-testid="connect-error">
        {message}
      </span>
      {next ? <span className="mt-1 block">{next}</span> : null}
      {detail ? (
        <span className="mt-1 block break-words text-xs opacity-75" data-testid="connect-error-detail">
          Details: {detail}
        </span>
      ) : null}
    </Alert>
  );
}
