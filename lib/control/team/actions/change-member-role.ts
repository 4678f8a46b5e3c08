'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { ActionError } from '@/lib/errors';
import { mayGrant } from '../invite';
import { clinicTeamActor } from '../inviter';
import { changeMemberRole } from '../membership-changes';
import { changeMemberRoleSchema } from '../schemas';

/**
 * Changes a member's role in the active clinic (never the last admin's, and only to a role the
 * caller's own covers). Applies on the member's next request.
 */
export const changeMemberRoleAction = clinicAction
  .metadata({ name: 'changeMemberRole', permission: 'members.manage' })
  .inputSchema(changeMemberRoleSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!mayGrant(ctx.roleId, parsedInput.roleId))
      throw new ActionError('You can only give a role whose permissions you hold.');
    await changeMemberRole(
      clinicTeamActor(ctx),
      { membershipId: parsedInput.membershipId, clinicId: ctx.clinicId },
      parsedInput.roleId,
    );
    revalidatePath('/members');
    return { id: parsedInput.membershipId, roleId: parsedInput.roleId };
  });
