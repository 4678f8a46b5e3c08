import 'server-only';
import { readCatalogue } from '@/db/control/catalogue';
import { listOpenInvitations } from '@/db/control/invitations';
import type { ClinicContext } from '@/lib/auth/context';
import { formatInstant, type ClinicClock } from '@/lib/dates/format';
import { CLINIC_ROLES, type ClinicRole } from '@/lib/auth/permissions';
import { mayGrant } from './invite';

/** A pending invitation as the members page shows it (strings only). */
export interface PendingInvitationDto {
  id: string;
  email: string;
  roleName: string;
  invitedByName: string;
  /** ISO 8601, and the same as shown in the clinic's timezone. */
  sentAt: string;
  sentLabel: string;
  expiresAt: string;
  expiresLabel: string;
  expired: boolean;
}

/** The active clinic's open invitations: who invited, when, and when each link expires. */
export async function listPendingInvitations(
  ctx: Pick<ClinicContext, 'clinicId'>,
  clock: ClinicClock,
  now = new Date(),
): Promise<PendingInvitationDto[]> {
  const rows = await listOpenInvitations(ctx.clinicId);
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    roleName: r.roleName,
    invitedByName: r.invitedByName,
    sentAt: r.createdAt.toISOString(),
    sentLabel: formatInstant(r.createdAt, clock),
    expiresAt: r.expiresAt.toISOString(),
    expiresLabel: formatInstant(r.expiresAt, clock),
    expired: r.expiresAt <= now,
  }));
}

/** The clinic roles a caller may hand out (all of them for an operator, `roleId` null). */
export async function grantableRoles(
  roleId: string | null,
): Promise<{ value: ClinicRole; label: string }[]> {
  const { roles } = await readCatalogue();
  return CLINIC_ROLES.filter((r) => mayGrant(roleId, r)).map((r) => ({
    value: r,
    label: roles.find((c) => c.id === r)?.name ?? r,
  }));
}
