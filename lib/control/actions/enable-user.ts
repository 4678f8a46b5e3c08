'use server';
import { revalidatePath } from 'next/cache';
import { getUser, setUserDisabled } from '@/db/control/users';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { userIdSchema } from '@/lib/control/schemas';
import { NotFoundError } from '@/lib/errors';

/** Re-enables a disabled user; they sign in again (old sessions stay revoked). Audited. */
export const enableUserAction = controlPlaneAction
  .metadata({ name: 'enableUser', permission: 'control_plane.access' })
  .inputSchema(userIdSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!(await getUser(parsedInput.userId))) throw new NotFoundError('User not found.');
    const user = await setUserDisabled(
      { userId: ctx.user.id, ...ctx.meta },
      parsedInput.userId,
      false,
    );
    if (!user) throw new NotFoundError('User not found.');
    revalidatePath('/admin', 'layout');
    return { id: user.id, disabled: user.disabled };
  });
