'use server';
import { revalidatePath } from 'next/cache';
import { recordSystemEvent } from '@/db/control/audit';
import { sessionAction } from '@/lib/actions/safe-action';
import { roleHasPermission } from '@/lib/auth/permissions';
import { globalModeSchema } from '@/lib/auth/session-schemas';
import { updateSession } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/errors';

/**
 * Enters or leaves global mode (the control plane). Only a user whose system role holds
 * control_plane.access may enter; entering clears the active clinic, so global mode never writes
 * clinic data through the tenant plane. Both directions are audited.
 */
export const setGlobalModeAction = sessionAction
  .metadata({ name: 'setGlobalMode', permission: 'own-session' })
  .inputSchema(globalModeSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = { userId: ctx.user.id, ...ctx.meta };
    if (parsedInput.on && !roleHasPermission(ctx.user.systemRoleId, 'control_plane.access')) {
      await recordSystemEvent(actor, { action: 'global_mode.enter', outcome: 'denied' });
      throw new ForbiddenError('Only system admins can enter global mode.');
    }
    await updateSession({ type: 'global-mode', on: parsedInput.on });
    await recordSystemEvent(actor, {
      action: parsedInput.on ? 'global_mode.enter' : 'global_mode.leave',
      outcome: 'success',
    });
    revalidatePath('/', 'layout');
    return { globalMode: parsedInput.on };
  });
