'use client';

import { useEffect, useRef } from 'react';
import { takeSharedFiles } from '@/lib/share-store';
import type { Attachments } from '@/components/inbox/use-attachments';

/**
 * Files shared into this conversation from the system share sheet (chosen on /share) are attached as if the person
 * had picked them: the same checks, sentences and uploads as the paperclip (use-attachments.ts).
 */
export function useSharedFiles(conversationId: string, attachments: Attachments) {
  const attach = useRef(attachments.attach);
  const mounted = useRef(false);
  useEffect(() => {
    attach.current = attachments.attach;
  }, [attachments.attach]);
  useEffect(() => {
    mounted.current = true;
    // Taken once (the store clears them): a remount meanwhile, as React's development mode does, still attaches them.
    takeSharedFiles(conversationId)
      .then((files) => {
        if (mounted.current && files.length > 0) void attach.current(files);
      })
      .catch(() => undefined); // storage unreadable (private mode): nothing was kept to take
    return () => {
      mounted.current = false;
    };
  }, [conversationId]);
}
