'use server';
import { revalidatePath } from 'next/cache';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { updateSession } from '@/lib/auth/session';
import { openSupport } from '@/lib/control/support/lifecycle';
import { openSupportSchema } from '@/lib/control/support/schemas';

/**
 * Opens time-limited support access to one clinic and switches the operator's session into it.
 * Only from global mode (the control-plane guard), so support never stacks on a clinic session.
 * The token then names the support session; the database row decides on every request.
 */
export const openSupportAccessAction = controlPlaneAction
  .metadata({ name: 'openSupportAccess', permission: 'support.open' })
  .inputSchema(openSupportSchema)
  .action(async ({ parsedInput, ctx }) => {
    const row = await openSupport(
      { userId: ctx.user.id, ...ctx.meta },
      ctx.session.sessionId,
      parsedInput,
    );
    await updateSession({ type: 'support', supportSessionId: row.id });
    revalidatePath('/', 'layout');
    return { supportSessionId: row.id, clinicId: row.clinicId, writeAccess: row.writeAccess };
  });
