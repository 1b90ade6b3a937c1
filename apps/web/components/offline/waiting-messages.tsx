'use client';

import { useTranslations } from 'next-intl';
import { ClockIcon } from '@/components/ui/icons';
import type { OutboxEntry } from '@/lib/offline/outbox-order';

interface Props {
  entries: OutboxEntry[];
  onRemove: (clientId: string) => void;
}

/**
 * The thread's messages still in the outbox (written offline, or whose send reached nothing), below the sent ones
 * and in the order written: "Waiting for connection" (not the node's queued/sending: the node has not seen them),
 * or why the node refused one. Each can be removed before it goes.
 */
export function WaitingMessages({ entries, onRemove }: Props) {
  const t = useTranslations('offline');
  if (entries.length === 0) return null;
  return (
    <section
      aria-label={t('waitingList')}
      data-testid="waiting-messages"
      className="max-h-48 shrink-0 overflow-y-auto border-t border-line px-4 py-2"
    >
      <ol className="space-y-2">
        {entries.map((entry) => (
          <li
            key={entry.clientId}
            className="flex flex-col items-end"
            data-testid="waiting-message"
            data-refused={entry.refusal ? 'true' : undefined}
          >
            <div
              dir="auto"
              className="max-w-bubble min-w-0 rounded-2xl rounded-br-md border border-dashed border-brand-600 bg-surface px-3.5 py-2 text-message whitespace-pre-wrap text-ink wrap-anywhere sm:max-w-bubble-wide dark:border-brand-100"
              data-testid="waiting-text"
            >
              {entry.text}
            </div>
            <p className="mt-1 flex flex-wrap items-center justify-end gap-x-3 px-1 text-xs text-ink-muted">
              {entry.refusal ? (
                <span className="text-danger" data-testid="waiting-refused">
                  {t('refused', { reason: entry.refusal })}
                </span>
              ) : (
                <span className="inline-flex items-center gap-1" data-testid="waiting-state">
                  <ClockIcon className="size-3.5" />
                  {t('waitingForConnection')}
                </span>
              )}
              <button
                type="button"
                className="font-medium text-accent underline"
                aria-label={t('removeLabel', { preview: entry.text.slice(0, 40) })}
                onClick={() => onRemove(entry.clientId)}
              >
                {t('remove')}
              </button>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
