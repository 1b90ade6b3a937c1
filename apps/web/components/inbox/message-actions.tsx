'use client';

import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import { CopyIcon, MoreIcon, RetryIcon, TrashIcon } from '@/components/ui/icons';

export interface MessageActionHandlers {
  onCopy: () => void;
  onDelete: () => void;
  /** Only for a failed message of one's own. */
  onRetry?: () => void;
}

interface Props extends MessageActionHandlers {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Which side the menu opens towards: it stays over the thread, not off its edge. */
  align: 'start' | 'end';
}

/**
 * A message's actions: a small "⋯" button (shown on hover or focus on desktop; a long press on the
 * bubble opens the same menu on a phone) and its menu. In the thread the button is reached with the arrow
 * keys from its message (lib/use-roving-focus.ts), not with Tab. Arrow keys move in the menu, Escape
 * closes it and gives focus back to the button.
 */
export function MessageActions({ open, onOpenChange, align, onCopy, onDelete, onRetry }: Props) {
  const t = useTranslations('inbox.actions');
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const element = menu.current;
    element?.scrollIntoView({ block: 'nearest' });
    element?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus({ preventScroll: true });
    const closeOutside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!element?.contains(target) && !trigger.current?.contains(target)) onOpenChange(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open, onOpenChange]);

  function close(refocus: boolean) {
    onOpenChange(false);
    if (refocus) trigger.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(menu.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      items[(at + move + items.length) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? items[0] : items.at(-1))?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  }

  return (
    <div className="relative shrink-0 self-center">
      <button
        ref={trigger}
        type="button"
        aria-label={t('label')}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => onOpenChange(!open)}
        className={`flex size-7 items-center justify-center rounded-full text-ink-muted hover:bg-surface-muted focus-visible:opacity-100 group-focus-visible:opacity-100 group-hover:opacity-100 ${open ? 'opacity-100' : 'opacity-0'}`}
      >
        <MoreIcon />
      </button>
      {open ? (
        <div
          ref={menu}
          role="menu"
          aria-label={t('label')}
          onKeyDown={onMenuKey}
          className={`absolute bottom-full z-10 mb-1 min-w-40 rounded-lg border border-line bg-surface-raised py-1 text-sm text-ink shadow-lg ${align === 'end' ? 'end-0' : 'start-0'}`}
        >
          <MenuItem
            icon={<CopyIcon />}
            onClick={() => {
              close(true);
              onCopy();
            }}
          >
            {t('copy')}
          </MenuItem>
          {onRetry ? (
            <MenuItem
              icon={<RetryIcon />}
              onClick={() => {
                close(true);
                onRetry();
              }}
            >
              {t('retry')}
            </MenuItem>
          ) : null}
          <MenuItem
            icon={<TrashIcon />}
            onClick={() => {
              close(true);
              onDelete();
            }}
          >
            {t('delete')}
          </MenuItem>
        </div>
      ) : null}
    </div>
  );
}

function MenuItem({ icon, onClick, children }: { icon: ReactNode; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      onClick={onClick}
      className="flex w-full items-center gap-2 px-3 py-2 text-start hover:bg-surface-muted focus:bg-surface-muted"
    >
      {icon}
      {children}
    </button>
  );
}
