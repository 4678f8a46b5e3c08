'use server';
import { revalidatePath } from 'next/cache';
import { recordSystemEvent } from '@/db/control/audit';
import { resetMfaByOperator } from '@/db/control/mfa';
import { getUser } from '@/db/control/users';
import { controlPlaneAction } from '@/lib/actions/safe-action';
import { resetUserMfaSchema } from '@/lib/auth/mfa/schemas';
import { ActionError, NotFoundError } from '@/lib/errors';
import { sendMail } from '@/lib/mail/send';
import { mfaResetNoticeMail } from '@/lib/mail/templates';
import { publicOrigin } from '@/lib/security/origin';

/**
 * An operator resets another user's MFA (a lost phone and no recovery codes), with a reason. The
 * user's sessions end, the system log keeps the reason, and the user is told by e-mail.
 */
export const resetUserMfaAction = controlPlaneAction
  .metadata({ name: 'resetUserMfa', permission: 'control_plane.access' })
  .inputSchema(resetUserMfaSchema)
  .action(async ({ parsedInput, ctx }) => {
    // Your own second factor is changed on /account, with your password.
    if (parsedInput.userId === ctx.user.id) {
      throw new ActionError('Reset your own two-step sign-in from your account page.');
    }
    const user = await getUser(parsedInput.userId);
    if (!user) throw new NotFoundError('User not found.');
    if (!user.mfaEnabledAt && !user.mfaPendingSecret) {
      throw new ActionError('This user has no two-step sign-in to reset.');
    }
    const actor = { userId: ctx.user.id, ...ctx.meta };
    const signInUrl = new URL('/login', publicOrigin() ?? 'http://localhost:3000').href;
    await resetMfaByOperator(actor, parsedInput, (db) =>
      sendMail(mfaResetNoticeMail({ to: user.email, resetBy: ctx.user.name, signInUrl }), (e) =>
        recordSystemEvent(actor, { ...e, entityType: 'user', entityId: user.id }, db),
      ),
    );
    revalidatePath('/admin', 'layout');
    return { id: user.id, reset: true };
  });
