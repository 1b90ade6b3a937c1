'use client';

import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { apiRoutes } from '@openmsg/core/api';
import { Alert } from '@/components/ui/alert';
import { useInbox } from '@/lib/inbox-context';
import {
  notificationSupport,
  notificationsWanted,
  setNotificationsWanted,
  switchNotificationsOn,
} from '@/lib/notifications';
import {
  currentSubscription,
  pushSupported,
  setPushPreviews,
  storedPreviews,
  subscribePush,
  unsubscribePush,
} from '@/lib/push';
import { setPromptState } from '@/lib/push-prompt';
import { routeQuery } from '@/lib/route-query';
import { SwitchRow } from './switch';
import { usePushKey } from './push-setup';

type Problem = 'denied' | 'unsupported' | 'failed' | 'previewsFailed' | 'openOnly' | null;

/**
 * One notifications setting for this device. Where the browser and the node can push, the switch
 * subscribes this browser (notifications with the inbox closed), with a choice of previews and the
 * list of the account's devices; elsewhere it switches the page's own notifications while the tab is
 * in the background (lib/notifications.ts).
 */
export function NotificationsSection() {
  const key = usePushKey();
  if (key.isPending) return null;
  return key.data?.enabled && pushSupported() ? (
    <PushNotifications />
  ) : (
    <TabNotifications reason={pushSupported() ? 'disabled' : 'unsupported'} />
  );
}

function PushNotifications() {
  const t = useTranslations('push.settings');
  const { me } = useInbox();
  const client = useQueryClient();
  const [on, setOn] = useState<boolean | null>(null);
  const [subscribed, setSubscribed] = useState(false);
  const [previews, setPreviews] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  useEffect(() => {
    void Promise.all([currentSubscription(), storedPreviews()]).then(([subscription, stored]) => {
      setSubscribed(subscription !== null);
      setOn(subscription !== null || (notificationsWanted(me.id) && notificationSupport() === 'granted'));
      setPreviews(stored);
    });
  }, [me.id]);

  const refreshDevices = () => client.invalidateQueries({ queryKey: routeQuery(apiRoutes.pushSubscriptions).queryKey });

  async function toggle() {
    setProblem(null);
    setBusy(true);
    try {
      if (on) {
        await unsubscribePush();
        setNotificationsWanted(me.id, false);
        setSubscribed(false);
        setOn(false);
      } else {
        const outcome = await subscribePush(previews);
        // The browser allowed notifications but its push service refused (or is unreachable): the page's
        // own notifications while it is open still work.
        const openOnly = outcome !== 'subscribed' && notificationSupport() === 'granted';
        setSubscribed(outcome === 'subscribed');
        setOn(outcome === 'subscribed' || openOnly);
        if (outcome === 'subscribed' || openOnly) {
          setNotificationsWanted(me.id, true);
          setPromptState(me.id, 'answered');
        }
        if (openOnly) setProblem('openOnly');
        else if (outcome !== 'subscribed')
          setProblem(outcome === 'denied' ? 'denied' : outcome === 'unsupported' ? 'unsupported' : 'failed');
      }
    } finally {
      setBusy(false);
      void refreshDevices();
    }
  }

  async function togglePreviews() {
    setProblem(null);
    setBusy(true);
    try {
      await setPushPreviews(!previews);
      setPreviews(!previews);
    } catch {
      setProblem('previewsFailed');
    } finally {
      setBusy(false);
      void refreshDevices();
    }
  }

  return (
    <section className="space-y-4" aria-labelledby="notifications-title" data-testid="notifications-setting">
      <h2 id="notifications-title" className="font-semibold">
        {t('title')}
      </h2>
      <SwitchRow
        id="push-switch"
        label={t('pushSwitch')}
        hint={t('pushHint')}
        on={on === true}
        onToggle={() => void toggle()}
        disabled={busy || on === null}
        testId="push-switch"
      />
      {subscribed ? (
        <SwitchRow
          id="previews-switch"
          label={t('previews')}
          hint={t('previewsHint')}
          on={previews}
          onToggle={() => void togglePreviews()}
          disabled={busy}
          testId="previews-switch"
        />
      ) : null}
      {problem ? <Alert kind={problem === 'openOnly' ? 'info' : 'error'}>{t(problem)}</Alert> : null}
      <Devices />
    </section>
  );
}

/** The account's devices that get push notifications (GET /push/subscriptions). */
function Devices() {
  const t = useTranslations('push.settings');
  const format = useFormatter();
  const devices = useQuery(routeQuery(apiRoutes.pushSubscriptions));
  const items = devices.data?.items;
  if (!items) return null;
  return (
    <div className="space-y-2">
      <h3 id="push-devices-title" className="text-sm font-medium">
        {t('devices')}
      </h3>
      {items.length === 0 ? (
        <p className="text-sm text-ink-muted">{t('noDevices')}</p>
      ) : (
        <ul
          aria-labelledby="push-devices-title"
          className="divide-y divide-line rounded-lg border border-line text-sm"
          data-testid="push-devices"
        >
          {items.map((device) => (
            <li key={device.id} className="px-3 py-2">
              <p className="font-medium break-all">{device.service}</p>
              <p className="text-ink-muted">
                {t('deviceSince', { date: format.dateTime(new Date(device.createdAt), { dateStyle: 'medium' }) })}
                {' · '}
                {device.previews ? t('deviceWithText') : t('deviceWithoutText')}
                {' · '}
                {device.lastSuccessAt
                  ? t('deviceLastSent', {
                      date: format.dateTime(new Date(device.lastSuccessAt), {
                        dateStyle: 'medium',
                        timeStyle: 'short',
                      }),
                    })
                  : t('deviceNothingSent')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Where pushes cannot come: the page's own notifications while the tab is in the background. */
function TabNotifications({ reason }: { reason: 'disabled' | 'unsupported' }) {
  const t = useTranslations('push.settings');
  const { me } = useInbox();
  const [on, setOn] = useState(() => notificationsWanted(me.id) && notificationSupport() === 'granted');
  const [problem, setProblem] = useState<Problem>(null);

  async function toggle() {
    setProblem(null);
    if (on) {
      setNotificationsWanted(me.id, false);
      setOn(false);
      return;
    }
    const answer = await switchNotificationsOn(me.id);
    setOn(answer === 'granted');
    if (answer !== 'granted') setProblem(answer === 'unsupported' ? 'unsupported' : 'denied');
  }

  return (
    <section className="space-y-3" aria-labelledby="notifications-title" data-testid="notifications-setting">
      <h2 id="notifications-title" className="font-semibold">
        {t('title')}
      </h2>
      <SwitchRow
        id="tab-switch"
        label={t('tabSwitch')}
        hint={
          <>
            {t('tabHint')} {reason === 'disabled' ? t('nodeWithoutPush') : t('browserWithoutPush')}
          </>
        }
        on={on}
        onToggle={() => void toggle()}
        testId="tab-notifications-switch"
      />
      {problem ? <Alert>{t(problem)}</Alert> : null}
    </section>
  );
}
