'use client';

import { useTranslations } from 'next-intl';
import { ShareButton } from './share-button';

/** One's own address, through the share sheet or copied: what people need (with a pass code) to write. */
export function ShareAddressButton({ address, className }: { address: string; className?: string }) {
  const t = useTranslations('share.address');
  return (
    <ShareButton className={className} label={t('button')} data={{ title: t('title'), text: t('text', { address }) }} />
  );
}
