'use client';

import type { ReactNode } from 'react';

/** A setting that is on or off: its label and hint beside a switch that they name and describe. */
export function SwitchRow({
  id,
  label,
  hint,
  on,
  onToggle,
  disabled,
  testId,
}: {
  /** Prefix of the label's and hint's element ids. */
  id: string;
  label: ReactNode;
  hint: ReactNode;
  on: boolean;
  onToggle: () => void;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div>
        <p id={`${id}-label`} className="text-sm font-medium">
          {label}
        </p>
        <p id={`${id}-hint`} className="text-sm text-ink-muted">
          {hint}
        </p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        disabled={disabled}
        data-testid={testId}
        onClick={onToggle}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:opacity-60 ${on ? 'bg-brand-600' : 'bg-slate-400 dark:bg-slate-600'}`}
      >
        <span
          className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${on ? 'translate-x-5 rtl:-translate-x-5' : 'translate-x-0.5 rtl:-translate-x-0.5'}`}
        />
      </button>
    </div>
  );
}
