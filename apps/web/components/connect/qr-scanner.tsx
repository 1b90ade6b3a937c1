'use client';

import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { type Invitation, parseInvitation } from '@/lib/share-text';

type Status = 'starting' | 'scanning' | 'refused' | 'no-camera' | 'failed' | 'not-an-invitation';

const STATUS_TEXT = {
  starting: 'starting',
  scanning: 'scanning',
  refused: 'refused',
  'no-camera': 'noCamera',
  failed: 'failed',
  'not-an-invitation': 'notAnInvitation',
} as const satisfies Record<Status, string>;

/** How often a frame is read: often enough to feel instant, rarely enough to leave a phone's CPU alone. */
const SCAN_EVERY_MS = 150;

/**
 * The camera's picture with a QR reader on its frames (jsQR, loaded only when this opens, so no
 * other page carries it). Stops the camera as soon as an invitation is read, or when closed.
 */
export function QrScanner({ onFound, onClose }: { onFound: (invitation: Invitation) => void; onClose: () => void }) {
  const t = useTranslations('connect.scanner');
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<Status>('starting');
  const found = useRef(onFound);
  useEffect(() => {
    found.current = onFound;
  }, [onFound]);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });

    async function start() {
      try {
        const [{ default: jsQR }, media] = await Promise.all([
          import('jsqr'),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        ]);
        stream = media;
        if (stopped || !video.current || !context) return stop();
        video.current.srcObject = media;
        await video.current.play();
        setStatus('scanning');
        const scan = () => {
          const element = video.current;
          if (stopped || !element) return;
          if (element.videoWidth > 0) {
            canvas.width = element.videoWidth;
            canvas.height = element.videoHeight;
            context.drawImage(element, 0, 0);
            const code = jsQR(
              context.getImageData(0, 0, canvas.width, canvas.height).data,
              canvas.width,
              canvas.height,
              { inversionAttempts: 'attemptBoth' },
            );
            const invitation = code ? parseInvitation(code.data) : null;
            if (invitation) {
              stop();
              found.current(invitation);
              return;
            }
            if (code) setStatus('not-an-invitation');
          }
          timer = setTimeout(scan, SCAN_EVERY_MS);
        };
        scan();
      } catch (caught) {
        stop();
        const name = caught instanceof DOMException ? caught.name : '';
        setStatus(
          name === 'NotAllowedError' || name === 'SecurityError'
            ? 'refused'
            : name === 'NotFoundError' || name === 'OverconstrainedError'
              ? 'no-camera'
              : 'failed',
        );
      }
    }
    function stop() {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    }
    void start();
    return stop;
  }, []);

  const problem = status === 'refused' || status === 'no-camera' || status === 'failed';
  return (
    <section
      aria-label={t('label')}
      className="space-y-3 rounded-2xl border border-slate-200 p-3 dark:border-slate-800"
    >
      {problem ? null : (
        <video
          ref={video}
          muted
          playsInline
          className="aspect-square w-full rounded-lg bg-slate-900 object-cover"
          aria-label={t('camera')}
        />
      )}
      <p
        role="status"
        className={`text-sm ${problem ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}
        data-testid="scanner-status"
      >
        {t(STATUS_TEXT[status])}
      </p>
      <Button variant="secondary" onClick={onClose} className="w-full">
        {t('close')}
      </Button>
    </section>
  );
}
