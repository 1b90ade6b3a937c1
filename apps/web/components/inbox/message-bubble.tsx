import { type MessageView, withoutBidiControls } from '@openmsg/core/api';
import { fullTime, shortTime } from '@/lib/format-time';
import { LinkifiedText } from './linkified-text';

const STATE_LABEL: Record<string, string> = { queued: 'Sending…', sending: 'Sending…', delivered: 'Delivered', failed: 'Not delivered' };

export function MessageBubble({ message, onRetry }: { message: MessageView; onRetry: (id: string) => void }) {
  const outgoing = message.direction === 'out';
  return (
    <li className={`flex ${outgoing ? 'justify-end' : 'justify-start'}`} data-testid="message" data-direction={message.direction} data-state={message.state}>
      <div className="max-w-[85%] min-w-0 sm:max-w-[70%]">
        {/* dir="auto": a message takes the direction of its own first letters, apart from the page's. */}
        <div
          dir="auto"
          className={`whitespace-pre-wrap wrap-anywhere rounded-2xl px-3.5 py-2 text-[15px] leading-snug ${outgoing ? 'rounded-br-md bg-brand-600 text-white' : 'rounded-bl-md bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'} ${message.state === 'failed' ? 'opacity-70' : ''}`}
        >
          <LinkifiedText text={message.text} />
        </div>
        <div className={`mt-1 flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400 ${outgoing ? 'justify-end' : ''}`}>
          <time dateTime={message.createdAt} title={fullTime(message.createdAt)}>
            {shortTime(message.createdAt)}
          </time>
          {outgoing ? <span data-testid="message-state">{STATE_LABEL[message.state] ?? message.state}</span> : null}
        </div>
        {message.state === 'failed' ? (
          <div className="mt-1 flex items-center justify-end gap-2 text-xs text-red-600 dark:text-red-400" role="alert">
            <span data-testid="failure-reason" className="min-w-0 wrap-anywhere">
              {message.failureCode ? `${message.failureCode}: ` : ''}
              <bdi>{message.failureReason ? withoutBidiControls(message.failureReason) : 'the other node did not accept it'}</bdi>
            </span>
            <button type="button" onClick={() => onRetry(message.id)} className="rounded px-2 py-0.5 font-medium underline hover:bg-red-50 dark:hover:bg-red-950">
              Retry
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}
