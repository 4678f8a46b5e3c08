'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { clinicTeamActor } from '../inviter';
import { removeMember } from '../membership-changes';
import { memberIdSchema } from '../schemas';

/**
 * Removes a member from the active clinic (never its last admin). Their next request in this
 * clinic goes back to the clinic chooser; their other clinics are untouched.
 */
export const removeMemberAction = clinicAction
  .metadata({ name: 'removeMember', permission: 'members.manage' })
  .inputSchema(memberIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await removeMember(
      clinicTeamActor(ctx),
      { membershipId: parsedInput.membershipId, clinicId: ctx.clinicId },
      { member: 'This member', clinic: ctx.clinicName },
    );
    revalidatePath('/members');
    return { id: parsedInput.membershipId };
  });
