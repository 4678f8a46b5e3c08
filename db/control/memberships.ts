import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { CLINIC_ROLES, roleHasPermission } from '@/lib/auth/permissions';
import type { Database } from '../client';
import { getDb } from '../client';
import { clinicMemberships, clinics, roles, users } from '../schema';
import { auditedChange, type ActorContext } from './audit';

export interface MembershipView {
  membershipId: string;
  clinicId: string;
  clinicName: string;
  clinicSlug: string;
  clinicActive: boolean;
  userId: string;
  userEmail: string;
  userName: string;
  roleId: string;
  roleName: string;
}

const view = {
  membershipId: clinicMemberships.id,
  clinicId: clinics.id,
  clinicName: clinics.name,
  clinicSlug: clinics.slug,
  clinicActive: clinics.active,
  userId: users.id,
  userEmail: users.email,
  userName: users.name,
  roleId: roles.id,
  roleName: roles.name,
};

function baseQuery() {
  return getDb()
    .db.select(view)
    .from(clinicMemberships)
    .innerJoin(clinics, eq(clinics.id, clinicMemberships.clinicId))
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .innerJoin(roles, eq(roles.id, clinicMemberships.roleId));
}

/** The clinics a user may work in (the header picker). Inactive clinics are left out. */
export async function listUserClinics(userId: string): Promise<MembershipView[]> {
  return baseQuery()
    .where(and(eq(clinicMemberships.userId, userId), eq(clinics.active, true)))
    .orderBy(asc(clinics.name));
}

/** The live membership behind a clinic context, or undefined (fail closed). */
export async function findActiveMembership(
  userId: string,
  clinicId: string,
): Promise<MembershipView | undefined> {
  const [row] = await baseQuery()
    .where(
      and(
        eq(clinicMemberships.userId, userId),
        eq(clinicMemberships.clinicId, clinicId),
        eq(clinics.active, true),
      ),
    )
    .limit(1);
  return row;
}

/** One membership by id, whatever the clinic's state (the control plane's view). */
export async function getMembership(membershipId: string): Promise<MembershipView | undefined> {
  const [row] = await baseQuery().where(eq(clinicMemberships.id, membershipId)).limit(1);
  return row;
}

export async function listAllMemberships(): Promise<MembershipView[]> {
  return baseQuery().orderBy(asc(clinics.name), asc(users.email));
}

/** Any change to a user's access bumps their session version (revokes live sessions). */
async function bumpSessionVersion(db: Database, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(users.id, userId));
}

export async function addMembership(
  actor: ActorContext,
  input: { userId: string; clinicId: string; roleId: string },
): Promise<{ id: string }> {
  return auditedChange(
    actor,
    (m) => ({
      action: 'membership.add',
      outcome: 'success',
      clinicId: input.clinicId,
      entityType: 'membership',
      entityId: m.id,
      metadata: { userId: input.userId, roleId: input.roleId },
    }),
    async (db) => {
      const row = await insertMembership(db, input);
      await bumpSessionVersion(db, input.userId);
      return row;
    },
  );
}

/**
 * Inserts a membership in the caller's transaction, without touching the user's sessions: access
 * that is only added needs no revocation (an accepted invitation keeps its accepter signed in).
 */
export async function insertMembership(
  db: Database,
  input: { userId: string; clinicId: string; roleId: string },
): Promise<{ id: string }> {
  const [row] = await db
    .insert(clinicMemberships)
    .values(input)
    .returning({ id: clinicMemberships.id });
  if (!row) throw new Error('membership insert returned nothing');
  return row;
}

/** Roles that run a clinic's team, by permission (never by name). */
const TEAM_ADMIN_ROLES: readonly string[] = CLINIC_ROLES.filter((r) =>
  roleHasPermission(r, 'members.manage'),
);

export function isTeamAdminRole(roleId: string): boolean {
  return TEAM_ADMIN_ROLES.includes(roleId);
}

/** What a role change or removal did: the membership as it was, or why nothing changed. */
export type MembershipChange =
  | { ok: true; membership: { id: string; userId: string; clinicId: string; roleId: string } }
  | { ok: false; reason: 'not_found' | 'last_admin' };

/** Which memberships a change may touch: any (the control plane), or one clinic's only. */
export interface MembershipTarget {
  membershipId: string;
  /** The caller's clinic, from its server-side context: another clinic's id is "not found". */
  clinicId?: string;
}

async function findTarget(db: Database, target: MembershipTarget) {
  const [row] = await db
    .select({
      id: clinicMemberships.id,
      userId: clinicMemberships.userId,
      clinicId: clinicMemberships.clinicId,
      roleId: clinicMemberships.roleId,
    })
    .from(clinicMemberships)
    .where(
      and(
        eq(clinicMemberships.id, target.membershipId),
        target.clinicId ? eq(clinicMemberships.clinicId, target.clinicId) : undefined,
      ),
    )
    .limit(1);
  return row;
}

/**
 * Whether taking `membershipId` out of the clinic's admins would leave it with none. The admin
 * memberships are locked (FOR UPDATE) until the transaction ends: of two concurrent demotions of
 * the last two admins, the second waits for the first, re-reads the rows it locked (Postgres
 * re-checks a row that changed while it waited) and sees one admin left.
 */
async function wouldLeaveNoAdmin(
  db: Database,
  clinicId: string,
  membershipId: string,
): Promise<boolean> {
  const admins = await db
    .select({ id: clinicMemberships.id })
    .from(clinicMemberships)
    .where(
      and(
        eq(clinicMemberships.clinicId, clinicId),
        inArray(clinicMemberships.roleId, [...TEAM_ADMIN_ROLES]),
      ),
    )
    .for('update');
  return admins.length <= 1 && admins.some((a) => a.id === membershipId);
}

/**
 * Changes a member's role in the caller's transaction, unless that would leave the clinic without
 * an admin. No session version bump: authorization reads the role from the database on every
 * request, so the change applies on the member's next request without signing them out.
 */
export async function changeRoleIn(
  db: Database,
  target: MembershipTarget,
  roleId: string,
): Promise<MembershipChange> {
  const membership = await findTarget(db, target);
  if (!membership) return { ok: false, reason: 'not_found' };
  if (!isTeamAdminRole(roleId) && (await wouldLeaveNoAdmin(db, membership.clinicId, membership.id)))
    return { ok: false, reason: 'last_admin' };
  await db
    .update(clinicMemberships)
    .set({ roleId, updatedAt: new Date() })
    .where(eq(clinicMemberships.id, membership.id));
  return { ok: true, membership };
}

/**
 * Removes a membership in the caller's transaction, unless it is the clinic's last admin. No
 * session version bump: every request re-checks the membership (requireClinicContext), so the
 * person's next request in this clinic goes back to the clinic chooser, and their other clinics
 * keep working. A practitioner with appointments is refused by the composite foreign key (thrown).
 */
export async function removeIn(db: Database, target: MembershipTarget): Promise<MembershipChange> {
  const membership = await findTarget(db, target);
  if (!membership) return { ok: false, reason: 'not_found' };
  if (await wouldLeaveNoAdmin(db, membership.clinicId, membership.id))
    return { ok: false, reason: 'last_admin' };
  await db.delete(clinicMemberships).where(eq(clinicMemberships.id, membership.id));
  return { ok: true, membership };
}

/** The control plane's role change (system log), under the same last-admin rule. */
export async function changeMembershipRole(
  actor: ActorContext,
  membershipId: string,
  roleId: string,
): Promise<MembershipChange> {
  return auditedChange(
    actor,
    (r) => ({
      action: 'membership.change_role',
      outcome: r.ok ? 'success' : 'failure',
      clinicId: r.ok ? r.membership.clinicId : null,
      entityType: 'membership',
      entityId: membershipId,
      metadata: r.ok ? { roleId, from: r.membership.roleId } : { roleId, reason: r.reason },
    }),
    (db) => changeRoleIn(db, { membershipId }, roleId),
  );
}

/** The control plane's removal (system log), under the same last-admin rule. */
export async function removeMembership(
  actor: ActorContext,
  membershipId: string,
): Promise<MembershipChange> {
  return auditedChange(
    actor,
    (r) => ({
      action: 'membership.remove',
      outcome: r.ok ? 'success' : 'failure',
      clinicId: r.ok ? r.membership.clinicId : null,
      entityType: 'membership',
      entityId: membershipId,
      metadata: r.ok
        ? { userId: r.membership.userId, roleId: r.membership.roleId }
        : { reason: r.reason },
    }),
    (db) => removeIn(db, { membershipId }),
  );
}
