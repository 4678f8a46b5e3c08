'use server';
import { revalidatePath } from 'next/cache';
import { auditedChange } from '@/db/control/audit';
import { clearMfa } from '@/db/control/mfa';
import { getUser } from '@/db/control/users';
import { sessionAction } from '@/lib/actions/safe-action';
import { checkPasswordAgain } from '@/lib/auth/mfa/check';
import { PASSWORD_AGAIN_FAILED, passwordAgainSchema } from '@/lib/auth/mfa/schemas';
import { ActionError } from '@/lib/errors';

/**
 * Turns the user's own MFA off, after the password is given again. Where policy requires MFA (an
 * operator in production, a clinic with `require_mfa`) the guards then send them back to enrol.
 */
export const disableMfaAction = sessionAction
  .metadata({ name: 'disableMfa', permission: 'own-session' })
  .inputSchema(passwordAgainSchema)
  .action(async ({ parsedInput, ctx }) => {
    const user = await getUser(ctx.user.id);
    if (!user || !ctx.mfaEnrolled) throw new ActionError('Two-step sign-in is not on.');
    const actor = { userId: user.id, ...ctx.meta };
    if (!(await checkPasswordAgain(user, parsedInput.password, actor, 'auth.password_again'))) {
      throw new ActionError(PASSWORD_AGAIN_FAILED);
    }
    await auditedChange(
      actor,
      () => ({ action: 'mfa.disable', outcome: 'success', entityType: 'user', entityId: user.id }),
      (db) => clearMfa(user.id, db),
    );
    revalidatePath('/', 'layout');
    return { disabled: true };
  });
