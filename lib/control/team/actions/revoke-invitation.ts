'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { revokeOpenInvitation } from '../invite';
import { clinicInviter } from '../inviter';
import { invitationIdSchema } from '../schemas';

/** Withdraws an open invitation of the active clinic: its link stops working. */
export const revokeInvitationAction = clinicAction
  .metadata({ name: 'revokeInvitation', permission: 'members.manage' })
  .inputSchema(invitationIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await revokeOpenInvitation(clinicInviter(ctx), parsedInput.invitationId);
    revalidatePath('/members');
    return { id: parsedInput.invitationId };
  });
