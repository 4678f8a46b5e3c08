'use server';
import { markSessionMfaVerified } from '@/db/control/mfa';
import { getUser } from '@/db/control/users';
import { publicAction } from '@/lib/actions/safe-action';
import { requireCodeStepUser } from '@/lib/auth/context';
import { checkSecondFactor } from '@/lib/auth/mfa/check';
import { CODE_FAILED, verifyMfaSchema } from '@/lib/auth/mfa/schemas';
import { updateSession } from '@/lib/auth/session';
import { safeCallbackPath } from '@/lib/auth/sign-in-rules';
import { ActionError } from '@/lib/errors';
import { publicOrigin } from '@/lib/security/origin';

/**
 * The sign-in code step. Not a sessionAction: the session it serves is exactly the kind
 * sessionAction refuses (password passed, code not yet). Its own guard, requireCodeStepUser,
 * admits only a live session that is waiting for its code. The code is throttled with the
 * account's sign-in lockout; a TOTP code's time step is claimed so it cannot be replayed.
 */
export const verifyMfaAction = publicAction
  .metadata({ name: 'verifyMfa', permission: 'public' })
  .inputSchema(verifyMfaSchema)
  .action(async ({ parsedInput }) => {
    const ctx = await requireCodeStepUser();
    const user = await getUser(ctx.user.id);
    if (!user) throw new ActionError(CODE_FAILED);
    const method = await checkSecondFactor(user, parsedInput.code, {
      userId: user.id,
      ...ctx.meta,
    });
    if (!method) throw new ActionError(CODE_FAILED);
    await markSessionMfaVerified(ctx.session.sessionId, method);
    await updateSession({ type: 'mfa-verified' });
    return {
      redirectTo: safeCallbackPath(parsedInput.callbackUrl, publicOrigin() ?? undefined),
      usedRecoveryCode: method === 'password+recovery_code',
    };
  });
