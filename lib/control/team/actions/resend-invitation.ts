'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { resendInvitation } from '../invite';
import { clinicInviter } from '../inviter';
import { invitationIdSchema } from '../schemas';

/** Sends an open invitation of the active clinic again, with a new link; the old one stops working. */
export const resendInvitationAction = clinicAction
  .metadata({ name: 'resendInvitation', permission: 'members.manage' })
  .inputSchema(invitationIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    await resendInvitation(clinicInviter(ctx), parsedInput.invitationId);
    revalidatePath('/members');
    return { id: parsedInput.invitationId };
  });
