/** A thin native <progress> (its value and name reach screen readers as they are). */
export function ProgressBar({ value, label, className = '' }: { value: number; label: string; className?: string }) {
  return (
    <progress
      max={100}
      value={value}
      aria-label={label}
      className={`block h-1.5 w-full appearance-none overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700 [&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-bar]:bg-slate-200 dark:[&::-webkit-progress-bar]:bg-slate-700 [&::-webkit-progress-value]:bg-brand-600 dark:[&::-webkit-progress-value]:bg-brand-500 ${className}`}
    />
  );
}
