'use client';

import { useEffect, useState } from 'react';
import type { MessageView, Page } from '@openmsg/core/api';
import { api, ApiError } from '@/lib/api-client';

interface SearchState {
  items: MessageView[] | null;
  searching: boolean;
  error: string | null;
}

/** Searches my messages as the query is typed (debounced); a stale answer never replaces a newer one. */
export function useMessageSearch(query: string, delayMs = 250): SearchState {
  const [state, setState] = useState<SearchState>({ items: null, searching: false, error: null });
  const q = query.trim();
  useEffect(() => {
    if (!q) {
      setState({ items: null, searching: false, error: null });
      return;
    }
    let current = true;
    setState((previous) => ({ ...previous, searching: true }));
    const timer = setTimeout(() => {
      api<Page<MessageView>>('GET', `/messages/search?q=${encodeURIComponent(q)}&limit=50`).then(
        (page) => current && setState({ items: page.items, searching: false, error: null }),
        (caught: unknown) => current && setState({ items: null, searching: false, error: caught instanceof ApiError ? caught.message : 'search failed' }),
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, delayMs]);
  return state;
}
