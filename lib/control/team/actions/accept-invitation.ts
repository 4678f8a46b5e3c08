'use server';
import { revalidatePath } from 'next/cache';
import { sessionAction } from '@/lib/actions/safe-action';
import { updateSession } from '@/lib/auth/session';
import { acceptAsMember } from '../accept';
import { acceptInvitationSchema } from '../schemas';

/**
 * A signed-in account holder accepts an invitation to their own address: the membership is added
 * and the session moves into that clinic. Another address, or a used, expired or revoked token,
 * is refused and changes nothing.
 */
export const acceptInvitationAction = sessionAction
  .metadata({ name: 'acceptInvitation', permission: 'own-session' })
  .inputSchema(acceptInvitationSchema)
  .action(async ({ parsedInput, ctx }) => {
    const joined = await acceptAsMember(
      { userId: ctx.user.id, email: ctx.user.email, ...ctx.meta },
      parsedInput.token,
    );
    await updateSession({ type: 'switch-clinic', clinicId: joined.clinicId });
    revalidatePath('/', 'layout');
    return joined;
  });
