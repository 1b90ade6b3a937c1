'use client';

import { useEffect } from 'react';

/**
 * Keeps the tab's title at `title`. Next.js writes each page's metadata title on every navigation, possibly after
 * this effect ran (its metadata streams in), so a title put back once would be lost at the next page: it is put
 * back whenever the head changes.
 */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
