'use client';

import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { useInbox } from '@/lib/inbox-context';
import {
  type NotificationSupport,
  notificationSupport,
  notificationsWanted,
  setNotificationsWanted,
  switchNotificationsOn,
} from '@/lib/notifications';

const REFUSED: Partial<Record<NotificationSupport, string>> = {
  denied:
    'Your browser blocks notifications from this site. Allow them in the browser’s site settings, then switch this on again.',
  unsupported: 'This browser cannot show notifications.',
};

/** The switch for new-message notifications while the tab is hidden: off by default, per account, in this browser. */
export function NotificationsSetting() {
  const { me } = useInbox();
  // Rendered only in the browser (the inbox renders once the account is loaded), so storage can be read at once.
  const [on, setOn] = useState(() => notificationsWanted(me.id) && notificationSupport() === 'granted');
  const [refusal, setRefusal] = useState<string | null>(null);

  async function toggle() {
    setRefusal(null);
    if (on) {
      setNotificationsWanted(me.id, false);
      setOn(false);
      return;
    }
    const answer = await switchNotificationsOn(me.id);
    setOn(answer === 'granted');
    setRefusal(
      answer === 'granted' ? null : (REFUSED[answer] ?? 'Notifications stay off: the browser did not allow them.'),
    );
  }

  return (
    <section className="space-y-3" aria-labelledby="notifications-title">
      <h2 id="notifications-title" className="font-semibold">
        Notifications
      </h2>
      <div className="flex items-start justify-between gap-4">
        <p id="notifications-hint" className="text-sm text-slate-600 dark:text-slate-300">
          Show a notification with the sender and the first words of a new message while this tab is in the background.
          Only in this browser.
        </p>
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby="notifications-title"
          aria-describedby="notifications-hint"
          onClick={() => void toggle()}
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors ${on ? 'bg-brand-600' : 'bg-slate-300 dark:bg-slate-600'}`}
        >
          <span
            className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${on ? 'translate-x-5' : 'translate-x-0.5'}`}
          />
        </button>
      </div>
      {refusal ? <Alert>{refusal}</Alert> : null}
    </section>
  );
}
