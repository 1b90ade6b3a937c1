'use client';

import { useEffect } from 'react';
import { forgetOfflineData } from '@/lib/offline/forget';

/** On the sign-in and sign-up pages: nobody is signed in, so nothing saved of an inbox stays (lib/offline/forget.ts). */
export function ForgetOfflineData() {
  useEffect(() => {
    void forgetOfflineData({ outbox: false });
  }, []);
  return null;
}
