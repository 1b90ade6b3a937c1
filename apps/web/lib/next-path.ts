/**
 * Where to go after signing in or up: the inbox page a signed-out visitor first asked for (an
 * invitation link `/connect?address=…&code=…` above all), carried as `?next=`. Only a path of this
 * inbox is followed, never another site (`//evil.example`, `/\evil.example`, `https:…`).
 */
export function nextPath(search: string, fallback = '/'): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next === '/sign-up' || next.startsWith('/sign-up?'))
    return fallback;
  return next;
}

/** `?next=<path>` to carry to the next page, or nothing when there is nowhere particular to go. */
export function nextQuery(search: string): string {
  const next = nextPath(search, '');
  return next ? `?${new URLSearchParams({ next })}` : '';
}
