import { and, asc, eq, sql } from 'drizzle-orm';
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
      const [row] = await db
        .insert(clinicMemberships)
        .values(input)
        .returning({ id: clinicMemberships.id });
      if (!row) throw new Error('membership insert returned nothing');
      await bumpSessionVersion(db, input.userId);
      return row;
    },
  );
}

export async function changeMembershipRole(
  actor: ActorContext,
  membershipId: string,
  roleId: string,
): Promise<boolean> {
  return auditedChange(
    actor,
    () => ({
      action: 'membership.change_role',
      outcome: 'success',
      entityType: 'membership',
      entityId: membershipId,
      metadata: { roleId },
    }),
    async (db) => {
      const [row] = await db
        .update(clinicMemberships)
        .set({ roleId, updatedAt: new Date() })
        .where(eq(clinicMemberships.id, membershipId))
        .returning({ userId: clinicMemberships.userId });
      if (row) await bumpSessionVersion(db, row.userId);
      return Boolean(row);
    },
  );
}

export async function removeMembership(
  actor: ActorContext,
  membershipId: string,
): Promise<boolean> {
  return auditedChange(
    actor,
    () => ({
      action: 'membership.remove',
      outcome: 'success',
      entityType: 'membership',
      entityId: membershipId,
    }),
    async (db) => {
      const [row] = await db
        .delete(clinicMemberships)
        .where(eq(clinicMemberships.id, membershipId))
        .returning({ userId: clinicMemberships.userId });
      if (row) await bumpSessionVersion(db, row.userId);
      return Boolean(row);
    },
  );
}
