import type { CookieSerializeOptions } from '@fastify/cookie';
import { CSRF_COOKIE, SESSION_COOKIE } from '@openmsg/core';
import type { FastifyReply } from 'fastify';
import type { NewSession } from './sessions.service';

/** The session cookie is httpOnly; the CSRF cookie is readable so the web app can echo it in a header. */
export function setSessionCookies(reply: FastifyReply, session: NewSession, secure: boolean): void {
  const options: CookieSerializeOptions = { path: '/', sameSite: 'lax', secure, expires: session.expiresAt };
  reply.setCookie(SESSION_COOKIE, session.token, { ...options, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...options, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  const options: CookieSerializeOptions = { path: '/', sameSite: 'lax', secure };
  reply.clearCookie(SESSION_COOKIE, { ...options, httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, options);
}
