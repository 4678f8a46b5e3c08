'use server';
import { revalidatePath } from 'next/cache';
import { getMembership, removeMembership } from '@/db/control/memberships';
import { foreignKeyViolation } from '@/db/errors';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { membershipIdSchema } from '@/lib/control/schemas';
import { ActionError, NotFoundError } from '@/lib/errors';

/**
 * Removes a user from a clinic (their sessions there end on the next request). A practitioner who
 * still has appointments cannot be removed: the appointments' composite foreign key refuses, and
 * the refusal is explained instead of surfacing as an error page.
 */
export const removeMembershipAction = controlPlaneAction
  .metadata({ name: 'removeMembership', permission: 'control_plane.access' })
  .inputSchema(membershipIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    const membership = await getMembership(parsedInput.membershipId);
    if (!membership) throw new NotFoundError('Membership not found.');
    try {
      await removeMembership({ userId: ctx.user.id, ...ctx.meta }, parsedInput.membershipId);
    } catch (err) {
      if (foreignKeyViolation(err)) {
        throw new ActionError(
          `${membership.userName} is the practitioner on appointments in ${membership.clinicName}, ` +
            'so the membership cannot be removed. Change their role, or disable the user, instead.',
        );
      }
      throw err;
    }
    revalidatePath('/admin', 'layout');
    return { id: parsedInput.membershipId };
  });
