'use server';
import { revalidatePath } from 'next/cache';
import { changeMembershipRole, getMembership } from '@/db/control/memberships';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { changeMembershipRoleSchema } from '@/lib/control/schemas';
import { NotFoundError } from '@/lib/errors';

/**
 * Changes a member's clinic role. The user's session version is bumped and authorization reads the
 * role from the database, so the change applies on their next request.
 */
export const changeMembershipRoleAction = controlPlaneAction
  .metadata({ name: 'changeMembershipRole', permission: 'control_plane.access' })
  .inputSchema(changeMembershipRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!(await getMembership(parsedInput.membershipId)))
      throw new NotFoundError('Membership not found.');
    const changed = await changeMembershipRole(
      { userId: ctx.user.id, ...ctx.meta },
      parsedInput.membershipId,
      parsedInput.roleId,
    );
    if (!changed) throw new NotFoundError('Membership not found.');
    revalidatePath('/admin', 'layout');
    return { id: parsedInput.membershipId, roleId: parsedInput.roleId };
  });
