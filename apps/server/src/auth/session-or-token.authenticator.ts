import { Injectable } from '@nestjs/common';
import { SESSION_COOKIE } from '@openmsg/core';
import type { FastifyRequest } from 'fastify';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { RequestAuthenticator, type RequestIdentity } from '../http/api-auth.guard';
import { SessionsService } from './sessions.service';

/**
 * Who sent a request: `Authorization: Bearer <personal access token>` (scripts) or a session cookie
 * (the browser). The guards check the CSRF token of a session themselves (http/api-auth.guard.ts).
 */
@Injectable()
export class SessionOrTokenAuthenticator extends RequestAuthenticator {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly sessions: SessionsService,
  ) {
    super();
  }

  async identify(request: FastifyRequest): Promise<RequestIdentity | null> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const account = await this.tokens.authenticate(header.slice('Bearer '.length).trim());
      return account ? { account } : null;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    const session = cookie ? await this.sessions.authenticate(cookie) : null;
    return session ? { account: session.account, session: { id: session.id, csrfToken: session.csrfToken } } : null;
  }
}
