import Link from 'next/link';

/** What a new user sees: how to get connected, since nobody can write to them without a pass code. */
export function EmptyInbox() {
  return (
    <div className="mx-auto max-w-sm px-6 py-12 text-center">
      <h1 className="text-lg font-semibold">No conversations yet</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        On Openmsg nobody can write to you unless you gave them a pass code. To start a conversation, either:
      </p>
      <ul className="mt-4 space-y-2 text-left text-sm">
        <li>
          <Link href="/passcodes" className="font-medium text-brand-600 underline dark:text-brand-100">
            Generate a pass code
          </Link>{' '}
          and share it with your address, or
        </li>
        <li>
          <Link href="/connect" className="font-medium text-brand-600 underline dark:text-brand-100">
            Connect
          </Link>{' '}
          with someone’s address and the pass code they gave you.
        </li>
      </ul>
    </div>
  );
}
