'use server';
import { revalidatePath } from 'next/cache';
import { getSupportSession } from '@/db/control/support-sessions';
import { clinicAction } from '@/lib/actions/safe-action';
import { ActionError, NotFoundError } from '@/lib/errors';
import { endSupport } from '@/lib/support/lifecycle';
import { endClinicSupportSchema } from '@/lib/support/schemas';

/**
 * A clinic admin ends an operator's support access to their clinic. Another clinic's session is
 * "not found", exactly like a missing one. The operator's next request is back in global mode.
 */
export const endSupportSessionAction = clinicAction
  .metadata({ name: 'endSupportSession', permission: 'members.manage' })
  .inputSchema(endClinicSupportSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await getSupportSession(parsedInput.supportSessionId);
    if (!row || row.clinicId !== ctx.clinicId) throw new NotFoundError('Support session not found.');
    const ended = await endSupport(
      { userId: ctx.user.id, ...ctx.meta },
      row.id,
      'clinic_admin',
    );
    if (!ended) throw new ActionError('That support access has already ended.');
    revalidatePath('/members');
    return { ended: ended.id };
  });
