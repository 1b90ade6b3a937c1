import { type ApiRoute, apiRoutes, routeUrl } from '@openmsg/core';
import { AdminRolesService } from '../../../src/admin/admin-roles.service';
import type { InProcessNode } from '../kit/in-process-node';

/** Every admin route of the contract: the tests iterate over these, never over a list of their own. */
export const ADMIN_ROUTES: Array<[string, ApiRoute]> = Object.entries(apiRoutes).filter(([, route]) => (route as ApiRoute).admin === true);

/** The URL of a route with every path parameter filled in (`1`), and a JSON body where it takes one. */
export function anyCallOf(route: ApiRoute): { method: string; path: string; body?: unknown } {
  const params = Object.fromEntries([...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => [match[1] as string, '1']));
  return { method: route.method, path: routeUrl(route, { params }), ...(route.body ? { body: {} } : {}) };
}

/** What the admin CLI's grant-admin does. */
export async function grantAdmin(node: InProcessNode, addressId: string): Promise<void> {
  await node.app.get(AdminRolesService).set(addressId, 'admin');
}

/** What the admin CLI's revoke-admin does. */
export async function revokeAdmin(node: InProcessNode, addressId: string): Promise<void> {
  await node.app.get(AdminRolesService).set(addressId, 'user');
}
