import { Body, Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import {
  FEDERATION_ENDPOINT_NAMES,
  FEDERATION_PREFIX,
  FEDERATION_SANDBOX_PREFIX,
  federationEndpointAt,
} from '@openmsg/core';
import type { FastifyRequest } from 'fastify';
import { FederationEndpoints } from './federation-endpoints.service';
import { ProtocolExceptionFilter } from './protocol-exception.filter';

/**
 * The endpoints other nodes call, over HTTP: every name of the federation table (`federationEndpoints`
 * of @openmsg/core) under `/openmsg/` and the reference's testing prefix `/openmsg/sandbox/`.
 * Every protocol outcome, success or error, is HTTP 200 with a JSON body, as the reference answers
 * and expects. Trailing slashes are optional (router setting).
 */
@Controller([FEDERATION_PREFIX.slice(1), FEDERATION_SANDBOX_PREFIX.slice(1)])
@UseFilters(ProtocolExceptionFilter)
export class FederationController {
  constructor(private readonly endpoints: FederationEndpoints) {}

  @Post(FEDERATION_ENDPOINT_NAMES)
  @HttpCode(200)
  answer(@Body() body: unknown, @Req() request: FastifyRequest) {
    // The matched route pattern (one of the paths above) names the endpoint.
    const endpoint = federationEndpointAt(request.routeOptions.url ?? '');
    if (!endpoint) throw new Error(`no federation endpoint at ${request.routeOptions.url}`);
    return this.endpoints.answer(endpoint, body, request.ip);
  }
}
