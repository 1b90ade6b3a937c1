// No zod here: the browser imports these on every page (@openmsg/core/api/session-names).

/** The header a browser session must send with every state-changing request (its value is in the `om_csrf` cookie). */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'om_csrf';
export const SESSION_COOKIE = 'om_session';
