'use server';
import { revalidatePath } from 'next/cache';
import { clinicAction } from '@/lib/actions/safe-action';
import { endSupportForClinic } from '@/lib/control/support/lifecycle';
import { endClinicSupportSchema } from '@/lib/control/support/schemas';

/**
 * A clinic admin ends an operator's support access to their clinic (only theirs: the clinic is
 * the context's). The operator's next request is back in global mode.
 */
export const endSupportSessionAction = clinicAction
  .metadata({ name: 'endSupportSession', permission: 'members.manage' })
  .inputSchema(endClinicSupportSchema)
  .action(async ({ parsedInput, ctx }) => {
    const ended = await endSupportForClinic(
      { userId: ctx.user.id, ...ctx.meta },
      ctx.clinicId,
      parsedInput.supportSessionId,
    );
    revalidatePath('/members');
    return { ended: ended.id };
  });
