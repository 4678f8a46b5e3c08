'use server';
import { revalidatePath } from 'next/cache';
import { getUser, setUserDisabled } from '@/db/control/users';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { userIdSchema } from '@/lib/control/schemas';
import { ActionError, NotFoundError } from '@/lib/errors';

/**
 * Disables a user. Their session version is bumped, so every live session of theirs is refused on
 * its next request. Audited as user.disable.
 */
export const disableUserAction = controlPlaneAction
  .metadata({ name: 'disableUser', permission: 'control_plane.access' })
  .inputSchema(userIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    // Locking yourself out of the control plane is never what was meant.
    if (parsedInput.userId === ctx.user.id)
      throw new ActionError('You cannot disable your own account.');
    if (!(await getUser(parsedInput.userId))) throw new NotFoundError('User not found.');
    const user = await setUserDisabled(
      { userId: ctx.user.id, ...ctx.meta },
      parsedInput.userId,
      true,
    );
    if (!user) throw new NotFoundError('User not found.');
    revalidatePath('/admin', 'layout');
    return { id: user.id, disabled: user.disabled };
  });
