'use client';

import { useTranslations } from 'next-intl';
import type { Conversation, MessageView } from '@openmsg/core/api';
import { useNow } from '@/lib/use-now';
import { useTimeFormat } from '@/lib/use-time-format';
import { ConversationLink } from './conversation-link';
import { matchingFileNames, snippetAround } from '@/lib/search-snippet';
import { richText } from '@/lib/rich-text';
import { HighlightedText } from './highlighted-text';
import { useContactSearch } from './use-message-search';

const SECTION_TITLE = 'px-4 pt-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400';

/** Contacts whose name or address matches, then messages matching, newest first; each opens its conversation. */
export function SearchResults({
  items,
  term,
  conversations,
}: {
  items: MessageView[];
  term: string;
  conversations: Conversation[];
}) {
  const t = useTranslations('inbox.search');
  const now = useNow(30_000);
  const contacts = useContactSearch(term);
  const names = new Map(conversations.map((conversation) => [conversation.id, conversation.contact.name]));
  if (items.length === 0 && contacts.length === 0)
    return (
      <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">{t('nothing', { term: term.trim() })}</p>
    );
  return (
    <>
      {contacts.length > 0 ? (
        <section aria-labelledby="search-contacts-title">
          <h2 id="search-contacts-title" className={SECTION_TITLE}>
            {t('contacts')}
          </h2>
          <ul aria-label={t('matchingContacts')} className="divide-y divide-slate-100 dark:divide-slate-800">
            {contacts.map((contact) => (
              <li key={contact.id} data-testid="search-contact">
                <ConversationLink
                  href={`/c/${contact.conversationId}`}
                  className="block px-4 py-2 hover:bg-slate-50 dark:hover:bg-slate-900"
                >
                  <span dir="auto" className="block truncate text-sm font-medium">
                    <HighlightedText text={contact.name} term={term} />
                  </span>
                  <span dir="ltr" className="block truncate text-start text-xs text-slate-500 dark:text-slate-400">
                    <HighlightedText text={contact.address} term={term} />
                  </span>
                </ConversationLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length > 0 ? <MessageResults items={items} term={term} names={names} now={now} /> : null}
    </>
  );
}

function MessageResults({
  items,
  term,
  names,
  now,
}: {
  items: MessageView[];
  term: string;
  names: Map<string, string>;
  now: Date;
}) {
  const t = useTranslations('inbox.search');
  const { fullTime, relativeTime } = useTimeFormat();
  return (
    <section aria-labelledby="search-messages-title">
      <h2 id="search-messages-title" className={SECTION_TITLE}>
        {t('messages')}
      </h2>
      <ul aria-label={t('results')} className="divide-y divide-slate-100 dark:divide-slate-800">
        {items.map((message) => {
          const name = (message.conversationId && names.get(message.conversationId)) || message.otherAddress;
          const files = matchingFileNames(message.attachments, term);
          const body = (
            <>
              <span className="flex items-baseline justify-between gap-2">
                <span className="min-w-0 truncate text-sm font-medium">
                  {message.direction === 'out' ? t.rich('youTo', { name, ...richText }) : <bdi>{name}</bdi>}
                </span>
                <time
                  dateTime={message.createdAt}
                  title={fullTime(message.createdAt)}
                  className="shrink-0 text-xs text-slate-500 tabular-nums dark:text-slate-400"
                >
                  {relativeTime(message.createdAt, now)}
                </time>
              </span>
              {message.text.trim() || files.length === 0 ? (
                <span
                  dir="auto"
                  className="line-clamp-2 text-sm wrap-anywhere text-slate-600 dark:text-slate-300"
                  data-testid="search-result-text"
                >
                  <HighlightedText text={snippetAround(message.text, term)} term={term} />
                </span>
              ) : null}
              {files.map((file) => (
                <span
                  key={file}
                  className="block truncate text-sm text-slate-600 dark:text-slate-300"
                  data-testid="search-result-file"
                >
                  <span aria-hidden>📎 </span>
                  <span className="sr-only">{t('file')} </span>
                  <bdi>
                    <HighlightedText text={file} term={term} />
                  </bdi>
                </span>
              ))}
            </>
          );
          return (
            <li key={message.id} data-testid="search-result">
              {message.conversationId ? (
                <ConversationLink
                  href={`/c/${message.conversationId}`}
                  className="block px-4 py-3 hover:bg-slate-50 dark:hover:bg-slate-900"
                >
                  {body}
                </ConversationLink>
              ) : (
                <div className="block px-4 py-3">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
