'use client';

import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { Conversation } from '@openmsg/core/api';
import { ConversationPicker } from '@/components/share/conversation-picker';
import { SharedPreview } from '@/components/share/shared-preview';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { draftKey, readDraft, saveDraft } from '@/lib/drafts';
import { useInbox } from '@/lib/inbox-context';
import { discardPendingShare, type PendingShare, readPendingShare, sendShareTo } from '@/lib/share-store';
import {
  QUERY_TEXT_MAX_CHARS,
  sharedFromQuery,
  sharedMessageText,
  splitSharedFiles,
  withSharedText,
} from '@/lib/shared-content';

/**
 * Where the system share sheet lands (app/manifest.ts's share_target, by way of public/sw/share-target.js or the
 * route beside this page): what was shared, and the conversations to send it to. Choosing one puts the text in
 * its message box (after any draft) and attaches the files as if picked there; nothing is sent until Send.
 */
export default function SharePage() {
  const t = useTranslations('share');
  const router = useRouter();
  const { me, node } = useInbox();
  const query = useSearchParams();
  const fromQuery = useMemo(() => sharedFromQuery(query), [query]);
  const problem = query.get('problem');
  const [stored, setStored] = useState<PendingShare | null | undefined>(undefined);
  const [opening, setOpening] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (fromQuery) return;
    let current = true;
    readPendingShare().then(
      (share) => current && setStored(share),
      () => current && setStored(null),
    );
    return () => {
      current = false;
    };
  }, [fromQuery]);

  const share: PendingShare | null | undefined = fromQuery
    ? { fields: fromQuery.fields, files: [], leftOut: [] }
    : stored;
  const text = share ? sharedMessageText(share.fields) : '';
  // The worker applied the node's limits when it could ask; applied again here when it could not (offline then).
  const split = splitSharedFiles(
    (share?.files ?? []).map(({ key, file }) => ({ key, file, name: file.name, size: file.size })),
    node.files,
  );
  const sendable = text.length > 0 || split.kept.length > 0;

  async function choose(conversation: Conversation) {
    setOpening(conversation.id);
    setFailed(false);
    try {
      if (!fromQuery)
        await sendShareTo(
          conversation.id,
          split.kept.map(({ key }) => key),
        );
      const key = draftKey(me.id, conversation.id);
      saveDraft(key, withSharedText(readDraft(key), text));
      router.push(`/c/${conversation.id}`);
    } catch {
      setFailed(true);
      setOpening(null);
    }
  }

  async function discard() {
    if (!fromQuery) await discardPendingShare().catch(() => undefined);
    router.push('/');
  }

  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-xl space-y-6 px-4 py-8">
        <PageHeader title={t('page.title')}>{sendable ? t('page.intro') : null}</PageHeader>
        {problem === 'unreadable' || problem === 'not-kept' ? (
          <Alert>{t(problem === 'unreadable' ? 'problems.unreadable' : 'problems.notStored')}</Alert>
        ) : null}
        {failed ? <Alert>{t('problems.failed')}</Alert> : null}
        {share === undefined ? (
          <p role="status" className="text-sm text-ink-muted">
            {t('page.loading')}
          </p>
        ) : share === null || (!sendable && share.leftOut.length === 0 && split.leftOut.length === 0) ? (
          problem ? null : (
            <div className="space-y-3" data-testid="nothing-shared">
              <p className="text-sm text-ink-muted">{t('page.nothing')}</p>
              <Link href="/" className="text-sm font-medium text-accent underline">
                {t('page.toInbox')}
              </Link>
            </div>
          )
        ) : (
          <>
            <SharedPreview
              text={text}
              files={split.kept.map(({ file }) => file)}
              notes={{
                leftOut: [...share.leftOut, ...split.leftOut],
                filesLost: fromQuery?.filesLost ?? 0,
                cut: fromQuery?.cut ? QUERY_TEXT_MAX_CHARS : null,
                maxFileBytes: node.files?.maxFileBytes ?? null,
                maxFilesPerMessage: node.files?.maxFilesPerMessage ?? null,
              }}
            />
            {sendable ? (
              <ConversationPicker onChoose={(conversation) => void choose(conversation)} opening={opening} />
            ) : (
              <p className="text-sm text-ink-muted">{t('page.emptyAfterChecks')}</p>
            )}
            <p role="status" className="sr-only">
              {opening ? t('page.opening') : ''}
            </p>
            <Button variant="secondary" onClick={() => void discard()} disabled={opening !== null}>
              {t('page.discard')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
