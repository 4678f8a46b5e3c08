'use server';
import { revalidatePath } from 'next/cache';
import { getMembership } from '@/db/control/memberships';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { changeMembershipRoleSchema } from '@/lib/control/schemas';
import { changeMemberRole } from '@/lib/control/team/membership-changes';
import { NotFoundError } from '@/lib/errors';

/**
 * Changes a member's clinic role, under the same last-admin rule as the clinic's own members page
 * (lib/control/team). Authorization reads the role from the database, so the change applies on
 * the member's next request.
 */
export const changeMembershipRoleAction = controlPlaneAction
  .metadata({ name: 'changeMembershipRole', permission: 'control_plane.access' })
  .inputSchema(changeMembershipRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    const membership = await getMembership(parsedInput.membershipId);
    if (!membership) throw new NotFoundError('Membership not found.');
    await changeMemberRole(
      { userId: ctx.user.id, ...ctx.meta, controlPlane: true },
      { membershipId: membership.membershipId, clinicId: membership.clinicId },
      parsedInput.roleId,
    );
    revalidatePath('/admin', 'layout');
    return { id: parsedInput.membershipId, roleId: parsedInput.roleId };
  });
