'use client';

import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { readQrFromImage } from '@/lib/qr-image';
import { type Invitation, parseInvitation } from '@/lib/share-text';

type Status = 'idle' | 'reading' | 'notFound' | 'notInvitation' | 'unreadable';

/**
 * "Read from an image": the QR code of a pass code from a screenshot or a photo already on the device (someone
 * sent a picture of their card), read like the camera's frames (lib/qr-image.ts). Fills the form like the camera.
 */
export function QrImageReader({ onFound }: { onFound: (invitation: Invitation) => void }) {
  const t = useTranslations('share.qrImage');
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<Status>('idle');

  async function read(file: File) {
    setStatus('reading');
    const result = await readQrFromImage(file);
    if (result.kind !== 'found') return setStatus(result.kind === 'none' ? 'notFound' : 'unreadable');
    const invitation = parseInvitation(result.text);
    if (!invitation) return setStatus('notInvitation');
    setStatus('idle');
    onFound(invitation);
  }

  const problem = status === 'notFound' || status === 'notInvitation' || status === 'unreadable';
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        className="w-full"
        disabled={status === 'reading'}
        onClick={() => input.current?.click()}
      >
        {t('button')}
      </Button>
      <input
        ref={input}
        type="file"
        accept="image/*"
        hidden
        tabIndex={-1}
        aria-hidden
        data-testid="qr-image-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same picture can be chosen again
          if (file) void read(file);
        }}
      />
      <p
        role="status"
        data-testid="qr-image-status"
        className={
          status === 'idle'
            ? 'sr-only'
            : `text-sm ${problem ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`
        }
      >
        {status === 'idle' ? '' : t(status === 'reading' ? 'reading' : status)}
      </p>
    </div>
  );
}
