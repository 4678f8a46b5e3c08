/**
 * Same-clinic callers without a permission, for the isolation matrix's "missing permission" case.
 *
 * Where a shipped clinic role lacks the permission, that role's fixture user calls. Where every
 * shipped role holds it (patients.read, patients.update, appointments.manage, staff.read), a role
 * made for the test calls: it holds every clinic permission except that one, so only a check of
 * exactly that permission can refuse it (a role with no permissions at all would be refused by a
 * check of the wrong permission too).
 *
 * Authorization reads the role from the caller's membership row and maps it to permissions with
 * ROLE_PERMISSIONS (lib/auth/permissions.ts), which is code, not data. So the test role lives in
 * both places: rows in `roles` and `role_permissions` (the membership's foreign key needs the
 * role, and the database stays in step with the code), and an entry added to ROLE_PERMISSIONS in
 * this test process only. Nothing is mocked: the call still goes through the real
 * requirePermission → findActiveMembership → roleHasPermission path.
 */
import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { addMembership } from '@/db/control/memberships';
import { createUser } from '@/db/control/users';
import { rolePermissions, roles } from '@/db/schema';
import {
  CLINIC_ROLES,
  ROLE_PERMISSIONS,
  roleHasPermission,
  type ClinicRole,
  type Permission,
} from '@/lib/auth/permissions';
import { SYSTEM_ACTOR } from './fixtures';
import type { Caller, World } from './isolation-harness';

/** Shipped clinic roles without `permission`. */
export function lackingRoles(permission: Permission): ClinicRole[] {
  return CLINIC_ROLES.filter((r) => !roleHasPermission(r, permission));
}

const CLINIC_PERMISSIONS = [...new Set(CLINIC_ROLES.flatMap((r) => ROLE_PERMISSIONS[r]))];

/** Registers (once per database and process) a clinic role holding all clinic permissions but one. */
export async function roleWithout(permission: Permission): Promise<string> {
  const id = `test_without_${permission.replace('.', '_')}`;
  const grants = CLINIC_PERMISSIONS.filter((p) => p !== permission);
  (ROLE_PERMISSIONS as Record<string, readonly Permission[]>)[id] = grants;
  const db = getDb().db;
  await db
    .insert(roles)
    .values({ id, name: id, scope: 'clinic', description: `Test role: all but ${permission}` })
    .onConflictDoNothing();
  await db
    .insert(rolePermissions)
    .values(grants.map((permissionKey) => ({ roleId: id, permissionKey })))
    .onConflictDoNothing();
  return id;
}

/**
 * Clinic A's users whose role there lacks `permission`: the shipped roles that lack it, or else a
 * new member of clinic A with the test role. Never empty for a clinic permission.
 */
export async function callersLacking(w: World, permission: Permission): Promise<Caller[]> {
  const shipped = lackingRoles(permission).map((role) => ({
    label: role,
    user: w.a.users[role],
    clinicId: w.a.id,
  }));
  if (shipped.length > 0 || !CLINIC_PERMISSIONS.includes(permission)) return shipped;
  const roleId = await roleWithout(permission);
  const email = `${roleId}.${randomUUID()}@matrix.test`;
  const user = await createUser(SYSTEM_ACTOR, {
    email,
    name: roleId,
    passwordHash: 'not-a-real-hash',
  });
  await addMembership(SYSTEM_ACTOR, { userId: user.id, clinicId: w.a.id, roleId });
  return [{ label: roleId, user: { id: user.id, email, name: roleId }, clinicId: w.a.id }];
}
