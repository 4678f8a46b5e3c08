import { asc } from 'drizzle-orm';
import { getDb } from '../client';
import { permissions, rolePermissions, roles } from '../schema';

/**
 * The role and permission catalogue as the database holds it. Read-only by design: roles and
 * grants are system data seeded by migration, and no code path (control plane included) changes
 * them at run time.
 */
export interface CatalogueRole {
  id: string;
  name: string;
  scope: 'clinic' | 'system';
  description: string;
  /** Sorted permission keys. */
  permissions: string[];
}

export interface CataloguePermission {
  key: string;
  description: string;
}

export interface Catalogue {
  roles: CatalogueRole[];
  permissions: CataloguePermission[];
}

const SCOPE_ORDER = { clinic: 0, system: 1 } as const;

export async function readCatalogue(): Promise<Catalogue> {
  const db = getDb().db;
  const [roleRows, permissionRows, grants] = await Promise.all([
    db.select().from(roles).orderBy(asc(roles.id)),
    db.select().from(permissions).orderBy(asc(permissions.key)),
    db.select().from(rolePermissions),
  ]);
  const byRole = new Map<string, string[]>();
  for (const g of grants) byRole.set(g.roleId, [...(byRole.get(g.roleId) ?? []), g.permissionKey]);
  return {
    roles: roleRows
      .map((r) => ({ ...r, permissions: (byRole.get(r.id) ?? []).sort() }))
      .sort((a, b) => SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope]),
    permissions: permissionRows,
  };
}
