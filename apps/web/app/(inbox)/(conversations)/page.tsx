export default function InboxPage() {
  return <p className="text-sm text-slate-500 dark:text-slate-400">Pick a conversation.</p>;
}
