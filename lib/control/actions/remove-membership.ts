'use server';
import { revalidatePath } from 'next/cache';
import { getMembership } from '@/db/control/memberships';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { membershipIdSchema } from '@/lib/control/schemas';
import { removeMember } from '@/lib/control/team/membership-changes';
import { NotFoundError } from '@/lib/errors';

/**
 * Removes a user from a clinic, under the same last-admin rule as the clinic's own members page
 * (lib/control/team): their next request there goes back to the clinic chooser. A practitioner
 * who still has appointments cannot be removed, and is told why.
 */
export const removeMembershipAction = controlPlaneAction
  .metadata({ name: 'removeMembership', permission: 'control_plane.access' })
  .inputSchema(membershipIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    const membership = await getMembership(parsedInput.membershipId);
    if (!membership) throw new NotFoundError('Membership not found.');
    await removeMember(
      { userId: ctx.user.id, ...ctx.meta, controlPlane: true },
      { membershipId: membership.membershipId, clinicId: membership.clinicId },
      { member: membership.userName, clinic: membership.clinicName },
    );
    revalidatePath('/admin', 'layout');
    return { id: parsedInput.membershipId };
  });
