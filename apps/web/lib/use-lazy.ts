'use client';

import { useEffect, useState } from 'react';

/** A value loaded after the first render (a module kept off the page's first load): null until it has arrived. */
export function useLazy<T>(load: () => Promise<T>): T | null {
  const [value, setValue] = useState<{ loaded: T } | null>(null);
  useEffect(() => {
    let live = true;
    void load().then((loaded) => live && setValue({ loaded }));
    return () => {
      live = false;
    };
  }, [load]);
  return value ? value.loaded : null;
}
