'use client';

import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import type { ErrorText } from '@/lib/error-text';

/** A failed connect: the node's sentence says whose side failed; the next step and the technical detail follow. */
export function ConnectError({ error }: { error: ErrorText }) {
  const t = useTranslations('connect');
  return (
    <Alert>
      <span className="block font-medium" data-testid="connect-error">
        {error.message}
      </span>
      {error.nextStep ? <span className="mt-1 block">{error.nextStep}</span> : null}
      {error.detail ? (
        <span className="mt-1 block break-words text-xs opacity-75" data-testid="connect-error-detail">
          {t('details', { detail: error.detail })}
        </span>
      ) : null}
    </Alert>
  );
}
