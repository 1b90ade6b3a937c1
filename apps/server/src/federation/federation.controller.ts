import { Body, Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FederationEndpoints } from './federation-endpoints.service';
import { ProtocolExceptionFilter } from './protocol-exception.filter';

/**
 * The four endpoints other nodes call, over HTTP. Every protocol outcome, success or error, is
 * HTTP 200 with a JSON body, as the reference answers and expects. `/openmsg/sandbox/...` is the
 * reference's testing prefix and is served the same way. Trailing slashes are optional (router setting).
 */
@Controller(['openmsg', 'openmsg/sandbox'])
@UseFilters(ProtocolExceptionFilter)
export class FederationController {
  constructor(private readonly endpoints: FederationEndpoints) {}

  @Post('auth')
  @HttpCode(200)
  auth(@Body() body: unknown, @Req() request: FastifyRequest) {
    return this.endpoints.auth(body, request.ip);
  }

  @Post('auth-confirm')
  @HttpCode(200)
  authConfirm(@Body() body: unknown) {
    return this.endpoints.authConfirm(body);
  }

  @Post('message-receive')
  @HttpCode(200)
  messageReceive(@Body() body: unknown) {
    return this.endpoints.messageReceive(body);
  }

  @Post('message-confirm')
  @HttpCode(200)
  messageConfirm(@Body() body: unknown) {
    return this.endpoints.messageConfirm(body);
  }
}
