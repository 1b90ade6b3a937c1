'use client';

import { useEffect, useState } from 'react';

/** "59:12 left", ticking every second; "expired" at the end. */
export function Countdown({ until }: { until: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.floor((new Date(until).getTime() - now) / 1000));
  if (left === 0) return <span className="text-red-600">expired</span>;
  return (
    <span className="tabular-nums" role="timer" aria-label={`${Math.ceil(left / 60)} minutes left`}>
      {Math.floor(left / 60)}:{String(left % 60).padStart(2, '0')} left
    </span>
  );
}
