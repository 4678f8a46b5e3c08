import { describe, expect, it } from 'vitest';
import { readCatalogue } from '@/db/control/catalogue';
import { useTestDatabase } from '@/test/db';
import { CLINIC_ROLES, PERMISSIONS, ROLE_PERMISSIONS, SYSTEM_ROLES } from './permissions';

useTestDatabase();

/** `role permission` pairs, sorted: equal sets compare as equal arrays with a readable diff. */
function pairs(grants: Record<string, readonly string[]>): string[] {
  return Object.entries(grants)
    .flatMap(([role, permissions]) => permissions.map((p) => `${role} ${p}`))
    .sort();
}

describe('the role catalogue in the database equals lib/auth/permissions.ts', () => {
  it('role_permissions holds exactly ROLE_PERMISSIONS', async () => {
    const { roles } = await readCatalogue();
    const inDb = Object.fromEntries(roles.map((r) => [r.id, r.permissions]));
    expect(pairs(inDb)).toEqual(pairs(ROLE_PERMISSIONS));
  });

  it('the roles and their scopes match', async () => {
    const { roles } = await readCatalogue();
    expect(roles.map((r) => `${r.id}:${r.scope}`).sort()).toEqual(
      [...CLINIC_ROLES.map((r) => `${r}:clinic`), ...SYSTEM_ROLES.map((r) => `${r}:system`)].sort(),
    );
  });

  it('the permission keys and descriptions match', async () => {
    const { permissions } = await readCatalogue();
    expect(Object.fromEntries(permissions.map((p) => [p.key, p.description]))).toEqual(PERMISSIONS);
  });
});
