/**
 * Shared set-up of the team tests: readers for what the tests check (invitations, memberships, audit rows, the link in a message).
 */
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditEvents, clinicMemberships, invitations, systemAuditEvents } from '@/db/schema';
import { insertInvitation } from '@/db/control/invitations';
import { tenantDb } from '@/db/tenant';
import { newInvitationToken } from '@/lib/control/team/tokens';

/** The token in an invitation message's link (`…/invite/<token>`). */
export function tokenIn(text: string | undefined): string {
  const match = /\/invite\/([A-Za-z0-9_-]{43})/.exec(text ?? '');
  if (!match) throw new Error(`no invitation link in ${text}`);
  return match[1]!;
}

export async function invitationsOf(clinicId: string) {
  return getDb().db.select().from(invitations).where(eq(invitations.clinicId, clinicId));
}

export async function membershipOf(userId: string, clinicId: string) {
  const [row] = await getDb()
    .db.select()
    .from(clinicMemberships)
    .where(and(eq(clinicMemberships.userId, userId), eq(clinicMemberships.clinicId, clinicId)));
  return row;
}

export async function clinicAudit(clinicId: string, action: string) {
  return tenantDb(clinicId).list(auditEvents, {
    where: eq(auditEvents.action, action),
    limit: 100,
  });
}

export async function systemAudit(action: string) {
  return getDb().db.select().from(systemAuditEvents).where(eq(systemAuditEvents.action, action));
}

/** The first message of a field in next-safe-action's formatted validation errors. */
export function fieldError(result: { validationErrors?: unknown }, field: string) {
  const errors = result.validationErrors as Record<string, { _errors?: string[] }> | undefined;
  return errors?.[field]?._errors?.[0];
}

/** An open invitation made directly (no message): its id and the token its link would carry. */
export async function makeInvitation(input: {
  clinicId: string;
  email: string;
  roleId: string;
  invitedBy: string;
}): Promise<{ id: string; token: string }> {
  const { token, tokenHash, expiresAt } = newInvitationToken();
  const row = await insertInvitation(getDb().db, { ...input, tokenHash, expiresAt });
  return { id: row.id, token };
}
