import { Injectable } from '@nestjs/common';
import { constantTimeEqual, CSRF_HEADER, SESSION_COOKIE } from '@openmsg/core';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { ApiException } from '../http/api-error';
import { type AuthenticatedRequest, RequestAuthenticator } from '../http/api-auth.guard';
import { SessionsService } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Lets a request through with `Authorization: Bearer <personal access token>` (scripts) or a session
 * cookie (the browser). A cookie alone never changes anything: state-changing requests must also
 * echo the session's CSRF token in a header, which another site cannot read or send.
 */
@Injectable()
export class SessionOrTokenAuthenticator extends RequestAuthenticator {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly sessions: SessionsService,
  ) {
    super();
  }

  async authenticate(request: AuthenticatedRequest): Promise<void> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const account = await this.tokens.authenticate(header.slice('Bearer '.length).trim());
      if (!account) throw unauthorized();
      request.account = account;
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    const session = cookie ? await this.sessions.authenticate(cookie) : null;
    if (!session) throw unauthorized();
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !constantTimeEqual(sent, session.csrfToken)) {
        throw new ApiException('csrf_failed');
      }
    }
    request.account = session.account;
    request.sessionId = session.id;
  }
}

function unauthorized() {
  return new ApiException('unauthenticated');
}
