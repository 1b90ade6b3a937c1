import type { MessageView } from '@openmsg/core/api';
import { dayKey } from './format-time';

/** Consecutive messages from one side stay in one group while each follows the one before within this gap. */
export const GROUP_GAP_MS = 5 * 60_000;

export interface MessageGroup {
  direction: MessageView['direction'];
  messages: MessageView[];
}

export interface ThreadDay {
  /** The local calendar day (see dayKey). */
  key: string;
  /** The first message's time, for the day's label. */
  firstAt: string;
  groups: MessageGroup[];
}

/**
 * A thread (oldest first) as days of groups: a new day starts a new group, and so does the other
 * side writing or a gap longer than GROUP_GAP_MS. Each group shows one timestamp.
 */
export function layOutThread(messages: readonly MessageView[]): ThreadDay[] {
  const days: ThreadDay[] = [];
  let previous: MessageView | undefined;
  for (const message of messages) {
    const key = dayKey(message.createdAt);
    let day = days.at(-1);
    if (!day || day.key !== key) {
      day = { key, firstAt: message.createdAt, groups: [] };
      days.push(day);
    }
    const group = day.groups.at(-1);
    const follows =
      previous !== undefined &&
      group !== undefined &&
      group.direction === message.direction &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) <= GROUP_GAP_MS;
    if (follows) group.messages.push(message);
    else day.groups.push({ direction: message.direction, messages: [message] });
    previous = message;
  }
  return days;
}
