import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../client';
import { getDb } from '../client';
import { clinicMemberships, clinics, invitations, roles, users } from '../schema';

export type InvitationRow = typeof invitations.$inferSelect;

/** An open invitation: neither accepted nor revoked (it may still have expired). */
const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

export interface NewInvitation {
  clinicId: string;
  email: string;
  roleId: string;
  tokenHash: string;
  invitedBy: string;
  expiresAt: Date;
}

/** Inserts an invitation; a second open one for the same clinic and address hits a unique index. */
export async function insertInvitation(db: Database, input: NewInvitation): Promise<InvitationRow> {
  const [row] = await db.insert(invitations).values(input).returning();
  if (!row) throw new Error('invitation insert returned nothing');
  return row;
}

/** Whether the address already belongs to a member of the clinic (e-mails compare case-blind). */
export async function isMemberByEmail(
  db: Database,
  clinicId: string,
  email: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: clinicMemberships.id })
    .from(clinicMemberships)
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .where(
      and(eq(clinicMemberships.clinicId, clinicId), sql`lower(${users.email}) = lower(${email})`),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Gives an open invitation of the clinic a new token and a new expiry (the old token then matches
 * nothing). Another clinic's id, or an accepted or revoked invitation, changes nothing.
 */
export async function replaceToken(
  db: Database,
  where: { id: string; clinicId: string },
  tokenHash: string,
  expiresAt: Date,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ tokenHash, expiresAt, updatedAt: new Date() })
    .where(and(eq(invitations.id, where.id), eq(invitations.clinicId, where.clinicId), open))
    .returning();
  return row;
}

export async function revokeInvitation(
  db: Database,
  where: { id: string; clinicId: string },
  revokedBy: string,
): Promise<InvitationRow | undefined> {
  const now = new Date();
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: now, revokedBy, updatedAt: now })
    .where(and(eq(invitations.id, where.id), eq(invitations.clinicId, where.clinicId), open))
    .returning();
  return row;
}

/** An invitation by its token's hash, with what the accept page shows. */
export async function findInvitationByTokenHash(tokenHash: string) {
  const inviter = alias(users, 'inviter');
  const [row] = await getDb()
    .db.select({
      invitation: invitations,
      clinicName: clinics.name,
      clinicActive: clinics.active,
      roleName: roles.name,
      inviterName: inviter.name,
    })
    .from(invitations)
    .innerJoin(clinics, eq(clinics.id, invitations.clinicId))
    .innerJoin(roles, eq(roles.id, invitations.roleId))
    .innerJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/**
 * Marks the invitation of this token used, if it is still open and unexpired: the one statement
 * that decides, so two tabs accepting at once cannot both succeed. Returns the claimed row.
 */
export async function claimInvitation(
  db: Database,
  tokenHash: string,
  acceptedBy: string,
  now: Date,
): Promise<InvitationRow | undefined> {
  const [row] = await db
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy, updatedAt: now })
    .where(and(eq(invitations.tokenHash, tokenHash), open, gt(invitations.expiresAt, now)))
    .returning();
  return row;
}

/** A pending invitation as the members page lists it. */
export interface PendingInvitation {
  id: string;
  email: string;
  roleId: string;
  roleName: string;
  invitedByName: string;
  createdAt: Date;
  expiresAt: Date;
}

/** The clinic's open invitations (expired ones too, so they can be resent), oldest first. */
export async function listOpenInvitations(clinicId: string): Promise<PendingInvitation[]> {
  return getDb()
    .db.select({
      id: invitations.id,
      email: invitations.email,
      roleId: invitations.roleId,
      roleName: roles.name,
      invitedByName: users.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(roles, eq(roles.id, invitations.roleId))
    .innerJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.clinicId, clinicId), open))
    .orderBy(asc(invitations.createdAt));
}

/** A role's display name ("Nurse"), for messages. */
export async function findRoleName(db: Database, roleId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ name: roles.name })
    .from(roles)
    .where(eq(roles.id, roleId))
    .limit(1);
  return row?.name;
}
