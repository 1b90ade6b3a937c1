'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiRoutes, type Contact, type MessageView } from '@openmsg/core/api';
import { useTranslations } from 'next-intl';
import { useErrorText } from '@/lib/use-error-text';
import { routeQuery } from '@/lib/route-query';

interface SearchState {
  items: MessageView[] | null;
  searching: boolean;
  error: string | null;
}

/** `value`, once it stopped changing for `delayMs`. */
function useSettled(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), value ? delayMs : 0);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Searches my messages as the query is typed (debounced); while a new answer loads, the last one stays. */
export function useMessageSearch(query: string, delayMs = 250): SearchState {
  const t = useTranslations('inbox.search');
  const { errorLine } = useErrorText();
  const typed = query.trim();
  const q = useSettled(typed, delayMs);
  const search = useQuery({
    ...routeQuery(apiRoutes.searchMessages, { query: { q, limit: 50 } }),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
  if (!typed) return { items: null, searching: false, error: null };
  return {
    items: search.data?.items ?? null,
    searching: typed !== q || search.isFetching,
    error: search.error ? errorLine(search.error, t('failed')) : null,
  };
}

/** Contacts whose name or address contains the query (case and accents ignored), as typed (debounced). */
export function useContactSearch(query: string, delayMs = 250): Contact[] {
  const typed = query.trim();
  const q = useSettled(typed, delayMs);
  const search = useQuery({
    ...routeQuery(apiRoutes.searchContacts, { query: { q, limit: 20 } }),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
  return typed ? (search.data?.items ?? []) : [];
}
