'use client';

import { useTranslations } from 'next-intl';
import { type Invitation, shareText } from '@/lib/share-text';
import { ShareButton } from './share-button';

/** A new pass code's share text (address, code and the web+openmsg: link), through the share sheet or copied. */
export function SharePassCodeButton({ invitation, className }: { invitation: Invitation; className?: string }) {
  const t = useTranslations('share.passCode');
  const tPassCodes = useTranslations('passcodes');
  return (
    <ShareButton
      variant="primary"
      className={className}
      label={t('button')}
      data={{ title: t('title'), text: shareText(invitation, tPassCodes) }}
    />
  );
}
