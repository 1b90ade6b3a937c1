'use client';

import Link from 'next/link';
import { type PointerEvent, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { MessageView } from '@openmsg/core/api';
import { ClockIcon, FailedIcon, TickIcon } from '@/components/ui/icons';
import { type OutgoingDelivery, outgoingDelivery } from '@/lib/attachment-text';
import { deliveryFailureText, reconnectHref } from '@/lib/delivery-failure-text';
import { useTimeFormat } from '@/lib/use-time-format';
import { LinkifiedText } from './linkified-text';
import { type MessageActionHandlers, MessageActions } from './message-actions';
import { MessageAttachments } from './message-attachments';

/** How long a touch must rest on a bubble to open its actions. */
const LONG_PRESS_MS = 500;

interface Props extends MessageActionHandlers {
  message: MessageView;
  contact: { name: string; address: string; filesSupported: boolean };
  /** The first of its group (a little more space above) and the last (it carries the group's time). */
  firstInGroup: boolean;
  lastInGroup: boolean;
}

export function MessageBubble({ message, contact, firstInGroup, lastInGroup, onCopy, onDelete, onRetry }: Props) {
  const t = useTranslations('delivery');
  const { fullTime, timeOfDay } = useTimeFormat();
  const outgoing = message.direction === 'out';
  const [menuOpen, setMenuOpen] = useState(false);
  const failure = outgoing ? deliveryFailureText(message, contact.name, fullTime, t) : null;
  const { fired: longPressed, ...longPress } = useLongPress(() => setMenuOpen(true));
  const failed = message.state === 'failed';
  const hasFiles = message.attachments.length > 0;
  const delivery = outgoing ? outgoingDelivery(message, contact.filesSupported) : undefined;
  return (
    <li
      className={`group flex items-end gap-1 rounded-lg ${outgoing ? 'flex-row-reverse' : ''} ${firstInGroup ? 'mt-3 first:mt-0' : 'mt-0.5'}`}
      data-testid="message"
      data-direction={message.direction}
      data-state={message.state}
      data-delivery={delivery}
      data-group-start={firstInGroup || undefined}
    >
      <div
        className={`flex max-w-bubble min-w-0 flex-col sm:max-w-bubble-wide ${outgoing ? 'items-end' : 'items-start'}`}
      >
        <div
          {...longPress}
          onContextMenu={(event) => longPressed.current && event.preventDefault()}
          className={`flex max-w-full min-w-0 flex-col gap-2 rounded-2xl text-message ${hasFiles ? 'p-1.5 pb-2' : 'px-3.5 py-2'} ${outgoing ? 'bg-brand-600 text-white' : 'bg-surface-muted text-ink'} ${bubbleCorners(outgoing, firstInGroup)} ${failed ? 'ring-2 ring-danger ring-offset-1 ring-offset-surface' : ''}`}
        >
          {hasFiles ? <MessageAttachments message={message} contact={contact} /> : null}
          {message.text || outgoing ? (
            <div
              className={`flex min-w-0 items-end gap-1.5 ${hasFiles ? 'px-2' : ''} ${message.text ? '' : 'justify-end'}`}
            >
              {/* dir="auto": a message takes the direction of its own first letters, apart from the page's. */}
              {message.text ? (
                <div dir="auto" className="min-w-0 whitespace-pre-wrap wrap-anywhere" data-testid="message-text">
                  <LinkifiedText text={message.text} />
                </div>
              ) : null}
              {outgoing ? (
                <DeliveryState
                  message={message}
                  delivery={delivery ?? 'sending'}
                  contactName={contact.name}
                  failureSentence={failure?.sentence ?? null}
                />
              ) : null}
            </div>
          ) : null}
        </div>
        {lastInGroup ? (
          <time
            dateTime={message.createdAt}
            title={fullTime(message.createdAt)}
            className="mt-1 px-1 text-xs text-ink-muted tabular-nums"
            data-testid="group-time"
          >
            {timeOfDay(message.createdAt)}
          </time>
        ) : null}
        {failure ? (
          <div className={`mt-1 max-w-full px-1 text-xs ${outgoing ? 'text-end' : ''}`} data-testid="failure">
            <p className={failed ? 'text-danger' : 'text-ink-muted'} data-testid="failure-sentence">
              {failure.sentence}
            </p>
            {failure.detail ? (
              <p className="mt-0.5 min-w-0 wrap-anywhere text-ink-muted" data-testid="failure-reason">
                <bdi>{failure.detail}</bdi>
              </p>
            ) : null}
            {failed || failure.reconnect ? (
              <p className="mt-1 flex flex-wrap justify-end gap-3 font-medium">
                {failure.reconnect ? (
                  <Link href={reconnectHref(contact.address)} className="text-accent underline">
                    {t('connectAgain')}
                  </Link>
                ) : null}
                {failed && onRetry ? (
                  <button type="button" onClick={onRetry} className="text-accent underline">
                    {t('retry')}
                  </button>
                ) : null}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
      <MessageActions
        open={menuOpen}
        onOpenChange={setMenuOpen}
        align={outgoing ? 'end' : 'start'}
        onCopy={onCopy}
        onDelete={onDelete}
        onRetry={failed ? onRetry : undefined}
      />
    </li>
  );
}

/** Rounded everywhere but on the speaker's side: the tail below, and above where it joins the bubble before it. */
function bubbleCorners(outgoing: boolean, first: boolean): string {
  // Logical corners (end-end is bottom right in English, bottom left in Arabic): the tail follows the bubble's side.
  if (outgoing) return `rounded-ee-md ${first ? '' : 'rounded-se-md'}`;
  return `rounded-es-md ${first ? '' : 'rounded-ss-md'}`;
}

/**
 * A compact icon with an accessible name: clock while queued (or while the other node still fetches its files),
 * tick when delivered (text and every file), a mark when it failed (the reason on hover, or on tap).
 */
function DeliveryState({
  message,
  delivery,
  contactName,
  failureSentence,
}: {
  message: MessageView;
  delivery: OutgoingDelivery;
  contactName: string;
  failureSentence: string | null;
}) {
  const t = useTranslations('delivery.state');
  const { fullTime } = useTimeFormat();
  const [showReason, setShowReason] = useState(false);
  const iconClass = 'size-3.5 text-white/85';
  if (message.state === 'failed') {
    const label = t('notDelivered', { reason: failureSentence ?? t('notAccepted') });
    return (
      <span className="relative shrink-0">
        <button
          type="button"
          aria-label={label}
          title={label}
          aria-expanded={showReason}
          onClick={() => setShowReason(!showReason)}
          data-testid="message-state"
          className="-m-1 rounded p-1"
        >
          <FailedIcon className="size-4 text-white" />
        </button>
        {showReason ? (
          <span
            role="tooltip"
            className="absolute end-0 bottom-full z-10 mb-2 w-56 rounded-md bg-ink px-2 py-1 text-xs text-surface shadow-lg"
          >
            {label}
          </span>
        ) : null}
      </span>
    );
  }
  const delivered = delivery === 'delivered';
  const label = delivered
    ? message.deliveredAt
      ? t('deliveredAt', { time: fullTime(message.deliveredAt) })
      : t('delivered')
    : delivery === 'pending-files'
      ? t('pendingFiles', { name: contactName })
      : delivery === 'files-refused'
        ? t('filesRefused', { name: contactName })
        : failureSentence
          ? t('notYet', { reason: failureSentence })
          : t('sending');
  return (
    <span role="img" aria-label={label} title={label} data-testid="message-state" className="shrink-0 pb-0.5">
      {delivered ? (
        <TickIcon className={iconClass} />
      ) : delivery === 'files-refused' ? (
        <FailedIcon className={iconClass} />
      ) : (
        <ClockIcon className={iconClass} />
      )}
    </span>
  );
}

/**
 * A touch resting on the bubble for LONG_PRESS_MS calls `onLongPress`; moving or lifting the
 * finger first cancels it. `fired` tells the context menu that follows (Android) to stay closed.
 */
function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return {
    fired,
    onPointerDown(event: PointerEvent) {
      if (event.pointerType !== 'touch') return;
      fired.current = false;
      start.current = { x: event.clientX, y: event.clientY };
      cancel();
      timer.current = setTimeout(() => {
        fired.current = true;
        onLongPress();
      }, LONG_PRESS_MS);
    },
    onPointerMove(event: PointerEvent) {
      const from = start.current;
      if (from && Math.hypot(event.clientX - from.x, event.clientY - from.y) > 10) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
  };
}
