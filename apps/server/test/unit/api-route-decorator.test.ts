import 'reflect-metadata';
import { GUARDS_METADATA, HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { apiRoutes, type Me } from '@openmsg/core';
import { describe, expect, it } from 'vitest';
import { ApiAuthGuard } from '../../src/http/api-auth.guard';
import { ApiRoute, ROUTE_METADATA } from '../../src/http/api-route';

const me: Me = {
  id: '1',
  address: '1*a.test',
  addressId: '1',
  displayName: 'A',
  allowReplies: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  role: 'user',
};

class Fixture {
  @ApiRoute(apiRoutes.me)
  me(): Me {
    return me;
  }

  @ApiRoute(apiRoutes.deleteMessage)
  async remove(): Promise<void> {}

  // @ts-expect-error a handler answering another shape than its route's is a type error (typecheck fails if it compiles)
  @ApiRoute(apiRoutes.nodeInfo)
  info(): Me {
    return me;
  }

  @ApiRoute(apiRoutes.events)
  stream(): void {}
}

const metadata = (key: string, handler: object) => Reflect.getMetadata(key, handler) as unknown;

describe('@ApiRoute', () => {
  it('serves the route at its method and full path with its success status, and keeps the route on the handler', () => {
    expect(metadata(METHOD_METADATA, Fixture.prototype.remove)).toBe(RequestMethod.DELETE);
    expect(metadata(PATH_METADATA, Fixture.prototype.remove)).toBe('api/v1/messages/:id');
    expect(metadata(HTTP_CODE_METADATA, Fixture.prototype.remove)).toBe(204);
    expect(metadata(ROUTE_METADATA, Fixture.prototype.remove)).toBe(apiRoutes.deleteMessage);
  });

  it('puts the auth guard on routes for signed-in users only', () => {
    expect(metadata(GUARDS_METADATA, Fixture.prototype.me)).toEqual([ApiAuthGuard]);
    expect(metadata(GUARDS_METADATA, Fixture.prototype.info)).toBeUndefined();
  });

  it('refuses a route that is not in apiRoutes', () => {
    const copy = { ...apiRoutes.me };
    expect(() => ApiRoute(copy)).toThrow(/not a route of apiRoutes/);
  });
});
