import 'server-only';
import { recordSystemEvent, type ActorContext } from '@/db/control/audit';
import { claimInvitation, findInvitationByTokenHash } from '@/db/control/invitations';
import { insertMembership } from '@/db/control/memberships';
import { findUserByEmail, insertUser } from '@/db/control/users';
import { uniqueViolation } from '@/db/errors';
import { systemThenClinic, type SystemTx } from '@/db/system-then-clinic';
import { recordAudit } from '@/lib/audit/record';
import { hashPassword } from '@/lib/auth/password';
import { ActionError } from '@/lib/errors';
import { hashInvitationToken } from './tokens';

/** What the accept page shows for a token. Nothing here changes anything. */
export type InvitationState =
  | { state: 'invalid' }
  | { state: 'used' | 'revoked' | 'expired' | 'clinic_inactive'; clinicName: string }
  | {
      state: 'open';
      clinicName: string;
      roleName: string;
      inviterName: string;
      email: string;
      expiresAt: Date;
      /** An account with the invited address exists: its holder signs in to accept. */
      accountExists: boolean;
    };

type Found = NonNullable<Awaited<ReturnType<typeof findInvitationByTokenHash>>>;

async function inspect(
  token: string,
  now: Date,
): Promise<{ found?: Found; state: InvitationState }> {
  const found = await findInvitationByTokenHash(hashInvitationToken(token));
  if (!found) return { state: { state: 'invalid' } };
  const { invitation, clinicName } = found;
  const closed = invitation.acceptedAt
    ? 'used'
    : invitation.revokedAt
      ? 'revoked'
      : invitation.expiresAt <= now
        ? 'expired'
        : found.clinicActive
          ? null
          : 'clinic_inactive';
  if (closed) return { found, state: { state: closed, clinicName } };
  return {
    found,
    state: {
      state: 'open',
      clinicName,
      roleName: found.roleName,
      inviterName: found.inviterName,
      email: invitation.email,
      expiresAt: invitation.expiresAt,
      accountExists: Boolean(await findUserByEmail(invitation.email)),
    },
  };
}

/** The invitation behind a token, as the page explains it. */
export async function describeInvitation(
  token: string,
  now = new Date(),
): Promise<InvitationState> {
  return (await inspect(token, now)).state;
}

/** What each closed state says, on the page and as an action's refusal. */
export const MESSAGES = {
  invalid: 'This invitation link is not valid. It may have been replaced by a newer one.',
  used: 'This invitation has already been used.',
  revoked: 'This invitation was withdrawn. Ask the clinic for a new one.',
  expired: 'This invitation has expired. Ask the clinic to send it again.',
  clinic_inactive: 'This clinic is no longer active.',
} as const;

/** A refusal, recorded in the system log (the token may name no clinic at all), then reported. */
async function refuse(
  actor: ActorContext,
  reason: string,
  message: string,
  clinicId?: string,
): Promise<never> {
  await recordSystemEvent(actor, {
    action: 'invitation.accept',
    outcome: 'denied',
    clinicId: clinicId ?? null,
    metadata: { reason },
  });
  throw new ActionError(message);
}

/** The open invitation of a token, or a refusal naming what is wrong with it. */
async function openInvitation(actor: ActorContext, token: string) {
  const { found, state } = await inspect(token, new Date());
  if (state.state !== 'open') return refuse(actor, state.state, MESSAGES[state.state]);
  return { ...found!, state };
}

/** Thrown inside the transaction when the token was used meanwhile: nothing is kept. */
class ClaimLost extends Error {}

/**
 * Uses the token and adds the membership, in one transaction with the clinic's audit row. The
 * claim re-checks that the invitation is still open and unexpired, so a token works once even
 * when two requests race. The clinic is the invitation's own: a token never grants another.
 */
async function join(
  actor: ActorContext,
  invitation: { clinicId: string; roleId: string; id: string },
  tokenHash: string,
  user: (db: SystemTx) => Promise<{ id: string }>,
): Promise<{ userId: string; membershipId: string }> {
  return systemThenClinic(
    invitation.clinicId,
    async (db) => {
      const { id: userId } = await user(db);
      const claimed = await claimInvitation(db, tokenHash, userId, new Date());
      if (!claimed || claimed.id !== invitation.id) throw new ClaimLost();
      const membership = await insertMembership(db, {
        userId,
        clinicId: claimed.clinicId,
        roleId: claimed.roleId,
      });
      return { userId, membershipId: membership.id };
    },
    async (scope, joined) => {
      await recordAudit(
        scope,
        { ...actor, userId: joined.userId },
        {
          action: 'invitation.accept',
          entityType: 'membership',
          entityId: joined.membershipId,
          metadata: { invitationId: invitation.id, roleId: invitation.roleId },
        },
      );
    },
  );
}

/** A signed-in account holder accepts: only as the invited address. */
export async function acceptAsMember(
  actor: ActorContext & { userId: string; email: string },
  token: string,
): Promise<{ clinicId: string; clinicName: string }> {
  const found = await openInvitation(actor, token);
  const { invitation } = found;
  if (invitation.email.toLowerCase() !== actor.email.toLowerCase()) {
    return refuse(
      actor,
      'other_email',
      `This invitation is for ${invitation.email}, but you are signed in as ${actor.email}. ` +
        'Sign out, then open the link again.',
      invitation.clinicId,
    );
  }
  try {
    await join(actor, invitation, invitation.tokenHash, async () => ({ id: actor.userId }));
  } catch (err) {
    if (err instanceof ClaimLost) return refuse(actor, 'used', MESSAGES.used, invitation.clinicId);
    if (!uniqueViolation(err)) throw err;
    const message = `You are already a member of ${found.clinicName}.`;
    return refuse(actor, 'member', message, invitation.clinicId);
  }
  return { clinicId: invitation.clinicId, clinicName: found.clinicName };
}

/** A new person accepts: an account with the invited address and the chosen password. */
export async function acceptAsNewUser(
  actor: ActorContext,
  input: { token: string; name: string; password: string },
): Promise<{ email: string }> {
  const found = await openInvitation(actor, input.token);
  const { invitation } = found;
  if (found.state.accountExists) {
    return refuse(
      actor,
      'account_exists',
      `An account for ${invitation.email} already exists. Sign in to accept the invitation.`,
      invitation.clinicId,
    );
  }
  const passwordHash = await hashPassword(input.password);
  try {
    await join(actor, invitation, invitation.tokenHash, (db) =>
      insertUser(db, { email: invitation.email, name: input.name, passwordHash }),
    );
  } catch (err) {
    if (err instanceof ClaimLost) return refuse(actor, 'used', MESSAGES.used, invitation.clinicId);
    // Someone registered the address in the meantime.
    if (!uniqueViolation(err)) throw err;
    const message = 'An account for this address already exists. Sign in to accept.';
    return refuse(actor, 'account_exists', message, invitation.clinicId);
  }
  return { email: invitation.email };
}
