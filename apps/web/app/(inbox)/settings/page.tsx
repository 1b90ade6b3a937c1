'use client';

import { useRouter } from 'next/navigation';
import { AccessTokens } from '@/components/settings/access-tokens';
import { FileStorage } from '@/components/settings/file-storage';
import { NotificationsSetting } from '@/components/settings/notifications-setting';
import { PasswordForm } from '@/components/settings/password-form';
import { ProfileForm } from '@/components/settings/profile-form';
import { YourData } from '@/components/settings/your-data';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { apiRoutes } from '@openmsg/core/api';
import { callApi } from '@/lib/api-client';

export default function SettingsPage() {
  const router = useRouter();
  const signOut = async (everywhere: boolean) => {
    await callApi(everywhere ? apiRoutes.logoutEverywhere : apiRoutes.logout).catch(() => undefined);
    router.replace('/sign-in');
  };
  return (
    <div className="mx-auto max-w-2xl space-y-10 overflow-y-auto px-4 py-8">
      <PageHeader title="Settings" />
      <ProfileForm />
      <PasswordForm />
      <AccessTokens />
      <NotificationsSetting />
      <FileStorage />
      <section className="space-y-3" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="font-semibold">
          Sessions
        </h2>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => void signOut(false)}>
            Sign out
          </Button>
          <Button variant="danger" onClick={() => void signOut(true)}>
            Sign out everywhere
          </Button>
        </div>
      </section>
      <YourData />
    </div>
  );
}
