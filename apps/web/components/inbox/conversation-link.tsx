'use client';

import type { AnchorHTMLAttributes, MouseEvent } from 'react';

/**
 * Switches conversations in this page, without asking the server for anything (Next.js keeps
 * `usePathname` in step with `history.pushState`): the list and threads come from the query cache,
 * so switching works offline too, where a router navigation would fall back to a full page load and
 * the browser's error page. A click with a modifier key (new tab, new window) stays a plain link.
 */
export function ConversationLink({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  function open(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    if (window.location.pathname !== href) window.history.pushState(null, '', href);
  }
  return <a href={href} onClick={open} {...rest} />;
}
