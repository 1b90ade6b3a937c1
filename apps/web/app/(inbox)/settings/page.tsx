'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { AccessTokens } from '@/components/settings/access-tokens';
import { FileStorage } from '@/components/settings/file-storage';
import { LanguageSetting } from '@/components/settings/language-setting';
import { NotificationsSection } from '@/components/push/notifications-section';
import { PasswordForm } from '@/components/settings/password-form';
import { ProfileForm } from '@/components/settings/profile-form';
import { YourData } from '@/components/settings/your-data';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { apiRoutes } from '@openmsg/core/api';
import { callApi } from '@/lib/api-client';
import { forgetOfflineData } from '@/lib/offline/forget';
import { unsubscribePush } from '@/lib/push';

export default function SettingsPage() {
  const t = useTranslations('settings');
  const router = useRouter();
  const signOut = async (everywhere: boolean) => {
    // While the session still holds: the node forgets this browser's push subscription.
    await unsubscribePush();
    await callApi(everywhere ? apiRoutes.logoutEverywhere : apiRoutes.logout).catch(() => undefined);
    await forgetOfflineData({ outbox: true }); // nothing of this account stays in the browser
    router.replace('/sign-in');
  };
  return (
    <div className="mx-auto max-w-2xl space-y-10 overflow-y-auto px-4 py-8">
      <PageHeader title={t('title')} />
      <LanguageSetting />
      <ProfileForm />
      <PasswordForm />
      <AccessTokens />
      <NotificationsSection />
      <FileStorage />
      <section className="space-y-3" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="font-semibold">
          {t('sessions.title')}
        </h2>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => void signOut(false)}>
            {t('sessions.signOut')}
          </Button>
          <Button variant="danger" onClick={() => void signOut(true)}>
            {t('sessions.signOutEverywhere')}
          </Button>
        </div>
      </section>
      <YourData />
    </div>
  );
}
