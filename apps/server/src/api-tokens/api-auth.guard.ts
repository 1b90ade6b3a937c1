import { CanActivate, createParamDecorator, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiTokensService } from './api-tokens.service';

export interface AuthenticatedAccount {
  id: string;
  addressId: string;
  displayName: string;
  allowReplies: boolean;
}

type RequestWithAccount = FastifyRequest & { account?: AuthenticatedAccount };

/** Lets a request through when it carries `Authorization: Bearer <personal access token>`. */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(private readonly tokens: ApiTokensService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithAccount>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
    const account = token ? await this.tokens.authenticate(token) : null;
    if (!account) throw new UnauthorizedException('sign in or send a valid access token');
    request.account = account;
    return true;
  }
}

export const CurrentAccount = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedAccount => {
  const account = context.switchToHttp().getRequest<RequestWithAccount>().account;
  if (!account) throw new UnauthorizedException();
  return account;
});
