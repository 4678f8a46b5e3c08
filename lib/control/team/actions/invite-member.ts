'use server';
import { revalidatePath } from 'next/cache';
import { returnValidationErrors } from 'next-safe-action';
import { clinicAction } from '@/lib/actions/safe-action';
import { inviteMember } from '../invite';
import { clinicInviter } from '../inviter';
import { inviteMemberSchema } from '../schemas';

/**
 * Invites an address into the active clinic with a role the inviter's own role covers, and mails
 * the link (7 days, single use).
 */
export const inviteMemberAction = clinicAction
  .metadata({ name: 'inviteMember', permission: 'members.manage' })
  .inputSchema(inviteMemberSchema)
  .action(async ({ parsedInput, ctx }) => {
    const result = await inviteMember(clinicInviter(ctx), parsedInput);
    if ('field' in result) {
      returnValidationErrors(inviteMemberSchema, { [result.field]: { _errors: [result.message] } });
    }
    revalidatePath('/members');
    return { id: result.id };
  });
