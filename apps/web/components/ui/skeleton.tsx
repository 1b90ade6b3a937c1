/** A grey placeholder block that pulses (when motion is welcome) while data loads; `className` gives its size and rounding. */
export function Skeleton({ className = 'rounded-md' }: { className?: string }) {
  return <span aria-hidden className={`block bg-surface-muted motion-safe:animate-pulse ${className}`} />;
}

/** Stands for a list while it loads: rows of an avatar (optional) and two lines. Announced as "Loading <what>". */
export function ListSkeleton({ label, rows = 6, avatars = true }: { label: string; rows?: number; avatars?: boolean }) {
  return (
    <div role="status" aria-label={label} data-testid="skeleton" className="divide-y divide-line">
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="flex items-center gap-3 px-4 py-3">
          {avatars ? <Skeleton className="size-10 shrink-0 rounded-full" /> : null}
          <span className="flex-1 space-y-2">
            <Skeleton className={`h-3.5 rounded-md ${index % 2 ? 'w-1/3' : 'w-1/2'}`} />
            <Skeleton className={`h-3 rounded-md ${index % 3 ? 'w-3/4' : 'w-2/3'}`} />
          </span>
        </div>
      ))}
    </div>
  );
}

/** Stands for a thread while it loads: bubbles on both sides. */
export function ThreadSkeleton({ label }: { label: string }) {
  const bubbles = ['w-2/5', 'w-1/2', 'w-1/3', 'w-3/5', 'w-1/4', 'w-2/5'];
  return (
    <div role="status" aria-label={label} data-testid="skeleton" className="space-y-3 px-4 py-4">
      {bubbles.map((width, index) => (
        <div key={index} className={`flex ${index % 3 === 1 ? 'justify-end' : 'justify-start'}`}>
          <Skeleton className={`h-9 rounded-2xl ${width}`} />
        </div>
      ))}
    </div>
  );
}
