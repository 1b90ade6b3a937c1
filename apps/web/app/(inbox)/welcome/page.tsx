'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useInbox } from '@/lib/inbox-context';
import { nextPath } from '@/lib/next-path';
import { useLocationSearch } from '@/lib/use-location-search';

/** After sign-up: the new address, large, with Copy, and the two ways to a first conversation. */
export default function WelcomePage() {
  const { me } = useInbox();
  const [copied, setCopied] = useState(false);
  /** The page a signed-out visitor first opened (an invitation link), if any. */
  const next = nextPath(useLocationSearch(), '') || null;
  const copy = async () => {
    await navigator.clipboard.writeText(me.address).catch(() => undefined);
    setCopied(true);
  };
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-xl px-4 py-10">
        <h1 className="text-2xl font-semibold tracking-tight">
          Welcome, <bdi>{me.displayName}</bdi>
        </h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          This is your address. People need it, and a pass code from you, to write to you.
        </p>
        <section
          aria-label="Your address"
          className="mt-6 rounded-2xl border border-brand-100 bg-brand-50 p-5 dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="font-mono text-3xl font-semibold break-all sm:text-4xl" data-testid="welcome-address">
            {me.address}
          </p>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Button variant="secondary" onClick={() => void copy()}>
              Copy address
            </Button>
            <span className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
              {copied ? 'Address copied.' : ''}
            </span>
          </div>
        </section>
        {next ? (
          <p className="mt-6">
            <Link href={next} className="font-medium text-brand-600 underline dark:text-brand-100">
              {next.startsWith('/connect') ? 'Continue to the invitation you opened' : 'Continue where you were going'}
            </Link>
          </p>
        ) : null}
        <h2 className="mt-8 font-semibold">Next: start a conversation</h2>
        <ol className="mt-3 space-y-3 text-sm">
          <li className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
            <Link href="/passcodes" className="font-medium text-brand-600 underline dark:text-brand-100">
              Share a pass code
            </Link>
            <p className="mt-1 text-slate-600 dark:text-slate-400">
              Generate a one-time code and send it with your address (as text, a link or a QR code) to someone you want
              to hear from.
            </p>
          </li>
          <li className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
            <Link href="/connect" className="font-medium text-brand-600 underline dark:text-brand-100">
              Connect with someone’s code
            </Link>
            <p className="mt-1 text-slate-600 dark:text-slate-400">
              Got a pass code from someone? Paste what they sent you, or scan their QR code.
            </p>
          </li>
        </ol>
        <p className="mt-8 text-sm">
          <Link href="/" className="font-medium text-brand-600 underline dark:text-brand-100">
            Go to your inbox
          </Link>
        </p>
      </div>
    </div>
  );
}
