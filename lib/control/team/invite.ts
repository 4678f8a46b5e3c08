import 'server-only';
import {
  findRoleName,
  insertInvitation,
  isMemberByEmail,
  replaceToken,
  revokeInvitation,
  type InvitationRow,
} from '@/db/control/invitations';
import { uniqueViolation } from '@/db/errors';
import type { SystemTx } from '@/db/system-then-clinic';
import type { TenantScope } from '@/db/tenant';
import { recordAudit } from '@/lib/audit/record';
import { ROLE_PERMISSIONS, roleHasPermission, type ClinicRole } from '@/lib/auth/permissions';
import { NotFoundError } from '@/lib/errors';
import { recipientRefused, sendMail } from '@/lib/mail/send';
import { invitationMail } from '@/lib/mail/templates';
import { auditedTeamChange, type TeamActor } from './audit';
import { appUrl } from './app-url';
import { INVITATION_VALID_MINUTES, newInvitationToken } from './tokens';

/** Who invites into which clinic: names for the message, the role bound for clinic admins. */
export interface Inviter extends TeamActor {
  name: string;
  clinicId: string;
  clinicName: string;
  /** The inviter's role in the clinic; null for an operator, who may hand out any clinic role. */
  roleId: string | null;
}

/** A clinic admin may invite only into a role whose every permission their own role holds. */
export function mayGrant(inviterRoleId: string | null, roleId: ClinicRole): boolean {
  if (inviterRoleId === null) return true;
  return ROLE_PERMISSIONS[roleId].every((p) => roleHasPermission(inviterRoleId, p));
}

const REFUSED_ADDRESS = 'The mail server refused this address. Check it and try again.';

/** Why an invitation was not made, as the form shows it next to the field. */
export type InviteRefusal = { field: 'email' | 'roleId'; message: string };

/** An invitation row and its role's display name (for the message), read in the same transaction. */
interface Invited {
  invitation: InvitationRow;
  roleName: string;
}

async function invited(db: SystemTx, invitation: InvitationRow): Promise<Invited> {
  return { invitation, roleName: (await findRoleName(db, invitation.roleId)) ?? invitation.roleId };
}

/** Sends the message carrying `token`, audited in the clinic's log (its row rolls back with it). */
async function mailInvitation(
  scope: TenantScope,
  inviter: Inviter,
  { invitation, roleName }: Invited,
  token: string,
): Promise<void> {
  const message = invitationMail({
    to: invitation.email,
    clinicName: inviter.clinicName,
    invitedBy: inviter.name,
    roleLabel: roleName,
    acceptUrl: await appUrl(`/invite/${token}`),
    validMinutes: INVITATION_VALID_MINUTES,
  });
  await sendMail(message, (entry) => recordAudit(scope, inviter, entry));
}

/**
 * Invites an address into the inviter's clinic and mails the link, all in one transaction: a
 * failed delivery leaves no invitation. Refused (with a form message) when the role is beyond the
 * inviter's own, the address is already a member, or an invitation to it is still open.
 */
export async function inviteMember(
  inviter: Inviter,
  input: { email: string; roleId: ClinicRole },
): Promise<{ id: string } | InviteRefusal> {
  if (!mayGrant(inviter.roleId, input.roleId)) {
    return {
      field: 'roleId',
      message: 'You can only invite into a role whose permissions you hold.',
    };
  }
  const { token, tokenHash, expiresAt } = newInvitationToken();
  const create = async (db: SystemTx): Promise<Invited | InviteRefusal> => {
    if (await isMemberByEmail(db, inviter.clinicId, input.email)) {
      return {
        field: 'email',
        message: `${input.email} is already a member of ${inviter.clinicName}. Change their role instead.`,
      };
    }
    const row = await insertInvitation(db, {
      clinicId: inviter.clinicId,
      email: input.email,
      roleId: input.roleId,
      tokenHash,
      invitedBy: inviter.userId,
      expiresAt,
    });
    return invited(db, row);
  };
  try {
    const result = await auditedTeamChange(
      inviter,
      inviter.clinicId,
      create,
      (r) =>
        'field' in r
          ? { action: 'invitation.create', outcome: 'denied', metadata: { reason: 'member' } }
          : {
              action: 'invitation.create',
              outcome: 'success',
              entityType: 'invitation',
              entityId: r.invitation.id,
              metadata: {
                roleId: r.invitation.roleId,
                expiresAt: r.invitation.expiresAt.toISOString(),
              },
            },
      (scope, r) => ('field' in r ? Promise.resolve() : mailInvitation(scope, inviter, r, token)),
    );
    return 'field' in result ? result : { id: result.invitation.id };
  } catch (err) {
    if (recipientRefused(err)) return { field: 'email', message: REFUSED_ADDRESS };
    // The partial unique index invitations_open_email_key: one open invitation per address.
    if (uniqueViolation(err)) {
      return {
        field: 'email',
        message: `An invitation to ${input.email} is already open. Resend or revoke it below.`,
      };
    }
    throw err;
  }
}

/** A new link for an open invitation (the old one stops working) and a fresh 7 days. */
export async function resendInvitation(inviter: Inviter, invitationId: string): Promise<void> {
  const { token, tokenHash, expiresAt } = newInvitationToken();
  const where = { id: invitationId, clinicId: inviter.clinicId };
  const row = await auditedTeamChange(
    inviter,
    inviter.clinicId,
    async (db) => {
      const row = await replaceToken(db, where, tokenHash, expiresAt);
      return row && invited(db, row);
    },
    (r) => ({
      action: 'invitation.resend',
      outcome: r ? 'success' : 'denied',
      entityType: 'invitation',
      entityId: invitationId,
      metadata: r ? { expiresAt: r.invitation.expiresAt.toISOString() } : { reason: 'not_open' },
    }),
    (scope, r) => (r ? mailInvitation(scope, inviter, r, token) : Promise.resolve()),
  );
  if (!row) throw new NotFoundError('That invitation is no longer open.');
}

export async function revokeOpenInvitation(inviter: Inviter, invitationId: string): Promise<void> {
  const row = await auditedTeamChange(
    inviter,
    inviter.clinicId,
    (db) => revokeInvitation(db, { id: invitationId, clinicId: inviter.clinicId }, inviter.userId),
    (r) => ({
      action: 'invitation.revoke',
      outcome: r ? 'success' : 'denied',
      entityType: 'invitation',
      entityId: invitationId,
    }),
  );
  if (!row) throw new NotFoundError('That invitation is no longer open.');
}
