import { type ApiRoute, type ApiRouteName, type ApiRoutes, apiRoutes } from '@openmsg/core';
import { AdminRolesService } from '../../../src/admin/admin-roles.service';
import type { UntypedInput } from '../../peer-kit/contract-call';
import type { InProcessNode } from '../kit/in-process-node';

/** The names of the contract's admin routes. */
export type AdminRouteName = { [N in ApiRouteName]: ApiRoutes[N] extends { admin: true } ? N : never }[ApiRouteName];

/** Every admin route of the contract: the tests iterate over these, never over a list of their own. */
export const ADMIN_ROUTES: AdminRouteName[] = (Object.keys(apiRoutes) as ApiRouteName[]).filter(
  (name): name is AdminRouteName => (apiRoutes[name] as ApiRoute).admin === true,
);

/** A well-formed value for each path parameter an admin route takes (an account number, an invitation id, a domain). */
const WELL_FORMED_PARAMS: Record<string, string> = {
  addressId: '1',
  id: '00000000-0000-4000-8000-000000000001',
  domain: 'b.test',
};

/**
 * Input for a call of the admin route `name`: every path parameter filled in, well-formed or malformed (which
 * an admin would get a 400 for), and a JSON body where it takes one.
 */
export function anyInputOf(name: AdminRouteName, params: 'well-formed' | 'malformed' = 'well-formed'): UntypedInput {
  const route: ApiRoute = apiRoutes[name];
  const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] as string);
  const values = names.map((param) => {
    const value = WELL_FORMED_PARAMS[param];
    if (value === undefined) throw new Error(`anyInputOf: no sample value for :${param} of ${name}`);
    return [param, params === 'well-formed' ? value : 'not valid!'];
  });
  return { params: Object.fromEntries(values), ...(route.body ? { body: {} } : {}) };
}

/** Whether the admin route `name` takes a path parameter. */
export const takesParams = (name: AdminRouteName): boolean => (apiRoutes[name] as ApiRoute).path.includes(':');

/** What the admin CLI's grant-admin does. */
export async function grantAdmin(node: InProcessNode, addressId: string): Promise<void> {
  await node.app.get(AdminRolesService).set(addressId, 'admin');
}

/** What the admin CLI's revoke-admin does. */
export async function revokeAdmin(node: InProcessNode, addressId: string): Promise<void> {
  await node.app.get(AdminRolesService).set(addressId, 'user');
}
