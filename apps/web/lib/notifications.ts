'use client';

import { useEffect, useRef } from 'react';
import { useTranslations } from 'next-intl';
import type { MessageView, StreamEvent } from '@openmsg/core/api';
import { messagePreview } from './attachment-text';
import { pushActiveHere } from './push';

/**
 * Opt-in browser notifications for new messages while the tab is hidden. The choice is kept per
 * account in this browser's localStorage (off unless switched on in Settings); the browser's own
 * permission is asked when it is switched on.
 */
const PREFIX = 'openmsg:notifications:';
const PREVIEW_WORDS = 12;
const PREVIEW_CHARS = 120;

export type NotificationSupport = 'unsupported' | NotificationPermission;

export function notificationSupport(): NotificationSupport {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return window.Notification.permission;
}

export function notificationsWanted(accountId: string): boolean {
  try {
    return window.localStorage.getItem(PREFIX + accountId) === 'on';
  } catch {
    return false;
  }
}

export function setNotificationsWanted(accountId: string, on: boolean): void {
  try {
    if (on) window.localStorage.setItem(PREFIX + accountId, 'on');
    else window.localStorage.removeItem(PREFIX + accountId);
  } catch {
    // storage disabled: the switch holds for this page only
  }
}

/** Switches notifications on: asks the browser's permission first; stays off unless granted. */
export async function switchNotificationsOn(accountId: string): Promise<NotificationSupport> {
  const support = notificationSupport();
  if (support === 'unsupported' || support === 'denied') return support;
  const permission = support === 'granted' ? support : await window.Notification.requestPermission();
  if (permission === 'granted') setNotificationsWanted(accountId, true);
  return permission;
}

/** The first words of a message, on one line, for a notification's body. */
export function notificationPreview(text: string): string {
  const words = text.trim().split(/\s+/);
  let preview = words.slice(0, PREVIEW_WORDS).join(' ');
  if (preview.length > PREVIEW_CHARS) preview = `${[...preview].slice(0, PREVIEW_CHARS - 1).join('')}…`;
  else if (words.length > PREVIEW_WORDS) preview += ' …';
  return preview;
}

interface Options {
  accountId: string | undefined;
  /** Subscribes to the inbox's live events; returns the unsubscribe function. */
  subscribe: (listener: (event: StreamEvent) => void) => () => void;
  /** The sender's name as the user knows them. */
  senderName: (message: MessageView) => string;
  /** Opens the message's conversation (after the tab is focused). */
  open: (conversationId: string) => void;
  /** Whether the person muted the message's conversation. */
  muted?: (conversationId: string) => boolean;
}

/**
 * Shows a notification for each message received while the tab is hidden and the user switched
 * them on: the sender's name, the first words; a click focuses the tab and opens the thread. Not for
 * a muted conversation, and not when this browser gets push notifications (the service worker shows
 * those, public/sw/push.js).
 */
export function useMessageNotifications({ accountId, subscribe, senderName, open, muted }: Options): void {
  const t = useTranslations('files');
  const latest = useRef({ senderName, open, muted, t });
  useEffect(() => {
    latest.current = { senderName, open, muted, t };
  });
  useEffect(() => {
    if (!accountId) return;
    return subscribe((event) => {
      if (event.type !== 'message.created' || event.message.direction !== 'in') return;
      if (
        document.visibilityState !== 'hidden' ||
        !notificationsWanted(accountId) ||
        notificationSupport() !== 'granted' ||
        pushActiveHere() ||
        (event.message.conversationId && latest.current.muted?.(event.message.conversationId))
      )
        return;
      const { message } = event;
      const notification = new window.Notification(latest.current.senderName(message), {
        body: notificationPreview(messagePreview(message, latest.current.t)),
        tag: message.id,
      });
      notification.onclick = () => {
        window.focus();
        if (message.conversationId) latest.current.open(message.conversationId);
        notification.close();
      };
    });
  }, [accountId, subscribe]);
}
