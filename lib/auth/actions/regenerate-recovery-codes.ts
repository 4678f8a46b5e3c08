'use server';
import { recordSystemEvent } from '@/db/control/audit';
import { replaceRecoveryCodes } from '@/db/control/mfa';
import { getUser } from '@/db/control/users';
import { sessionAction } from '@/lib/actions/safe-action';
import { checkPasswordAgain } from '@/lib/auth/mfa/check';
import { hashRecoveryCode, newRecoveryCodes } from '@/lib/auth/mfa/recovery-codes';
import { PASSWORD_AGAIN_FAILED, passwordAgainSchema } from '@/lib/auth/mfa/schemas';
import { ActionError } from '@/lib/errors';

/** New recovery codes (the old ones stop working), after the password is given again. */
export const regenerateRecoveryCodesAction = sessionAction
  .metadata({ name: 'regenerateRecoveryCodes', permission: 'own-session' })
  .inputSchema(passwordAgainSchema)
  .action(async ({ parsedInput, ctx }) => {
    const user = await getUser(ctx.user.id);
    if (!user || !ctx.mfaEnrolled) throw new ActionError('Two-step sign-in is not on.');
    const actor = { userId: user.id, ...ctx.meta };
    if (!(await checkPasswordAgain(user, parsedInput.password, actor, 'auth.password_again'))) {
      throw new ActionError(PASSWORD_AGAIN_FAILED);
    }
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(user.id, codes.map(hashRecoveryCode));
    await recordSystemEvent(actor, {
      action: 'mfa.recovery_codes_regenerate',
      outcome: 'success',
      entityType: 'user',
      entityId: user.id,
    });
    return { recoveryCodes: codes };
  });
