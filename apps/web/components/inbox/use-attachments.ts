'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { apiRoutes, type Contact, type NodeInfo } from '@openmsg/core/api';
import { checkFiles } from '@/lib/composer-limits';
import { deleteUpload, type FileUpload, startFileUpload } from '@/lib/file-upload';
import { routeQuery } from '@/lib/route-query';
import { hasChipPreview, newUploadItem, type UploadItem, uploadsReducer, uploadSummary } from '@/lib/upload-queue';

export type Attachments = ReturnType<typeof useAttachments>;

/**
 * The files of the message being written: the checks before an upload (with their sentences), the uploads
 * themselves with their progress, Retry, Remove (the node deletes what it holds) and the location choice, and
 * what a screen reader is told. Uploads not sent when the conversation closes are cancelled and deleted.
 */
export function useAttachments(node: NodeInfo, contact: Contact) {
  const t = useTranslations('files');
  const locale = useLocale();
  const client = useQueryClient();
  const [items, dispatch] = useReducer(uploadsReducer, []);
  const [problems, setProblems] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const files = useRef(new Map<string, { file: File; upload: FileUpload | null }>());
  const latest = useRef(items);
  useEffect(() => {
    latest.current = items;
  }, [items]);

  const begin = useCallback(
    (item: UploadItem, file: File) => {
      const upload = startFileUpload(
        file,
        { name: item.name, keepLocation: item.keepLocation, t },
        {
          onProgress: (sentBytes) => dispatch({ type: 'progress', key: item.key, sentBytes }),
          onUploaded: (attachmentId) => {
            dispatch({ type: 'uploaded', key: item.key, attachmentId });
            setAnnouncement(t('announce.uploaded', { name: item.name }));
          },
          onFailed: (sentence) => {
            dispatch({ type: 'failed', key: item.key, error: sentence });
            setAnnouncement(sentence);
          },
        },
      );
      files.current.set(item.key, { file, upload });
      upload.start();
    },
    [t],
  );

  const attach = useCallback(
    async (picked: File[]) => {
      if (picked.length === 0) return;
      const usage = node.files
        ? await client.fetchQuery({ ...routeQuery(apiRoutes.storageUsage), staleTime: 0 }).catch(() => null) // the node still refuses an upload beyond the quota
        : null;
      const check = checkFiles(
        picked,
        {
          files: node.files,
          peer: contact.peer,
          contactName: contact.name,
          alreadyAttached: latest.current.length,
          freeBytes: usage ? usage.quotaBytes - usage.usedBytes : null,
        },
        { t, locale },
      );
      setProblems(check.problems);
      const added = check.accepted.map((file) => ({
        file,
        item: newUploadItem(crypto.randomUUID(), file, hasChipPreview(file.type) ? URL.createObjectURL(file) : null),
      }));
      if (added.length === 0) {
        if (check.problems.length > 0) setAnnouncement(check.problems.join(' '));
        return;
      }
      dispatch({ type: 'added', items: added.map(({ item }) => item) });
      const names = new Intl.ListFormat(locale, { type: 'conjunction' }).format(added.map(({ item }) => item.name));
      setAnnouncement([t('announce.uploading', { names }), ...check.problems].join(' '));
      for (const { file, item } of added) begin(item, file);
    },
    [begin, client, contact.name, contact.peer, node.files, t, locale],
  );

  /** Stops the item's upload and deletes what the node holds of it. */
  const discard = useCallback(async (item: UploadItem) => {
    const held = files.current.get(item.key);
    if (item.status === 'ready' && item.attachmentId) await deleteUpload(item.attachmentId);
    else await held?.upload?.cancel();
  }, []);
  const forget = useCallback(
    async (item: UploadItem) => {
      await discard(item);
      files.current.delete(item.key);
      if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    },
    [discard],
  );

  const remove = useCallback(
    (key: string) => {
      const item = latest.current.find((candidate) => candidate.key === key);
      if (!item) return;
      dispatch({ type: 'removed', key });
      setAnnouncement(t('announce.removed', { name: item.name }));
      void forget(item);
    },
    [forget, t],
  );

  const retry = useCallback(
    (key: string) => {
      const item = latest.current.find((candidate) => candidate.key === key);
      const held = files.current.get(key);
      if (!item || !held?.upload || item.status !== 'failed') return;
      dispatch({ type: 'restarted', key });
      setAnnouncement(t('announce.again', { name: item.name }));
      held.upload.start();
    },
    [t],
  );

  /** The location choice goes with the upload's metadata: a new choice is a new upload (the old one deleted). */
  const setKeepLocation = useCallback(
    (key: string, keepLocation: boolean) => {
      const item = latest.current.find((candidate) => candidate.key === key);
      const held = files.current.get(key);
      if (!item || !held) return;
      void discard(item);
      dispatch({ type: 'restarted', key, keepLocation });
      begin({ ...item, keepLocation }, held.file);
    },
    [begin, discard],
  );

  /** The ready files go with a send: the composer empties; `restore` gives them back if the send fails. */
  const takeForSend = useCallback(() => {
    const taken = latest.current.filter((item) => item.status === 'ready');
    if (taken.length > 0) dispatch({ type: 'cleared' });
    setProblems([]);
    return taken;
  }, []);
  const restore = useCallback((taken: UploadItem[]) => dispatch({ type: 'restored', items: taken }), []);
  const sent = useCallback((taken: UploadItem[]) => {
    for (const item of taken) {
      files.current.delete(item.key);
      if (item.previewUrl) URL.revokeObjectURL(item.previewUrl);
    }
  }, []);

  // Leaving the conversation: uploads not sent are stopped and deleted, so they hold no room in the quota.
  useEffect(() => {
    const held = files.current;
    return () => {
      for (const item of latest.current) void forget(item);
      held.clear();
    };
  }, [forget]);

  const summary = useMemo(() => uploadSummary(items, t), [items, t]);
  return {
    enabled: node.files !== null,
    items,
    summary,
    problems,
    dismissProblems: () => setProblems([]),
    announcement,
    attach,
    remove,
    retry,
    setKeepLocation,
    takeForSend,
    restore,
    sent,
  };
}
