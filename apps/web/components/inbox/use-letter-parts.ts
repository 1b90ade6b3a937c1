'use client';

import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { splitLetter } from '@openmsg/core';
import { partCount, type TextLimit } from '@/lib/composer-limits';

type Split = typeof splitLetter;

/**
 * How many labelled parts the letter being written makes toward a contact whose node takes less than it in one
 * message: counted with core's splitLetter, the very cut the node makes when sending, so "Sent in 11 parts" matches
 * the (1/11) the contact sees. splitLetter (and its grapheme tables) loads only when a letter first needs parts;
 * until then the count is partCount's. Counted on a deferred copy of the text, so typing stays quick.
 */
export function useLetterParts(text: string, limit: TextLimit): number {
  const deferred = useDeferredValue(text);
  const length = useMemo(() => Array.from(deferred).length, [deferred]);
  const needed = length > limit.perMessage && length <= limit.maxChars;
  const [split, setSplit] = useState<Split | null>(null);
  useEffect(() => {
    if (needed && !split) void import('@openmsg/core').then((core) => setSplit(() => core.splitLetter));
  }, [needed, split]);
  return useMemo(() => {
    if (!needed) return 1;
    return split ? split(deferred, limit.perMessage).length : partCount(length, limit.perMessage);
  }, [deferred, length, limit.perMessage, needed, split]);
}
