import 'server-only';
import {
  changeRoleIn,
  removeIn,
  type MembershipChange,
  type MembershipTarget,
} from '@/db/control/memberships';
import { foreignKeyViolation } from '@/db/errors';
import { ActionError, NotFoundError } from '@/lib/errors';
import { auditedTeamChange, type TeamActor } from './audit';

const LAST_ADMIN =
  'This is the clinic’s last admin. Make someone else an admin first, then change or remove this one.';

/** A refusal as the message the form shows; not found looks the same for another clinic's id. */
function refusal(change: MembershipChange): void {
  if (change.ok) return;
  if (change.reason === 'last_admin') throw new ActionError(LAST_ADMIN);
  throw new NotFoundError('Member not found.');
}

/**
 * Changes a member's role, under the last-admin rule, audited in the clinic's log (and the system
 * log for an operator). A refusal is audited too, then reported.
 */
export async function changeMemberRole(
  actor: TeamActor,
  target: Required<MembershipTarget>,
  roleId: string,
): Promise<void> {
  const change = await auditedTeamChange(
    actor,
    target.clinicId,
    (db) => changeRoleIn(db, target, roleId),
    (r) => ({
      action: 'member.change_role',
      outcome: r.ok ? 'success' : 'denied',
      entityType: 'membership',
      entityId: target.membershipId,
      metadata: r.ok
        ? { userId: r.membership.userId, from: r.membership.roleId, to: roleId }
        : { to: roleId, reason: r.reason },
    }),
  );
  refusal(change);
}

/**
 * Removes a member, under the last-admin rule. A practitioner who still has appointments is
 * refused by the appointments' composite foreign key, and told so.
 */
export async function removeMember(
  actor: TeamActor,
  target: Required<MembershipTarget>,
  names: { member: string; clinic: string },
): Promise<void> {
  let change: MembershipChange;
  try {
    change = await auditedTeamChange(
      actor,
      target.clinicId,
      (db) => removeIn(db, target),
      (r) => ({
        action: 'member.remove',
        outcome: r.ok ? 'success' : 'denied',
        entityType: 'membership',
        entityId: target.membershipId,
        metadata: r.ok
          ? { userId: r.membership.userId, roleId: r.membership.roleId }
          : { reason: r.reason },
      }),
    );
  } catch (err) {
    if (foreignKeyViolation(err)) {
      throw new ActionError(
        `${names.member} is the practitioner on appointments in ${names.clinic}, so the membership ` +
          'cannot be removed. Change their role, or disable the user, instead.',
      );
    }
    throw err;
  }
  refusal(change);
}
