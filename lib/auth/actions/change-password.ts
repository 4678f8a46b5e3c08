'use server';
import { returnValidationErrors } from 'next-safe-action';
import { recordSystemEvent } from '@/db/control/audit';
import { changeOwnPassword } from '@/db/control/passwords';
import { getUser, recordLoginFailure } from '@/db/control/users';
import { sessionAction } from '@/lib/actions/safe-action';
import { changePasswordSchema } from '@/lib/auth/account-schemas';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { checkPassword, personalWords } from '@/lib/auth/password-policy';
import { lockDurationMs } from '@/lib/auth/throttle';

const refuse = (field: 'currentPassword' | 'newPassword', message: string): never =>
  returnValidationErrors(changePasswordSchema, { [field]: { _errors: [message] } });

/**
 * Changes the signed-in user's password. The current password is required, and a wrong one
 * counts towards the sign-in lockout like a failed sign-in: otherwise an unattended session would
 * be a way to guess the password without limit. The new one meets the policy. Every other session
 * of the user is ended; this one stays.
 */
export const changePasswordAction = sessionAction
  .metadata({ name: 'changePassword', permission: 'own-session' })
  .inputSchema(changePasswordSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = { userId: ctx.user.id, ...ctx.meta };
    const user = await getUser(ctx.user.id);
    if (!user) throw new Error('the signed-in user has no row');
    const locked = Boolean(user.lockedUntil && user.lockedUntil.getTime() > Date.now());
    const valid = !locked && (await verifyPassword(user.passwordHash, parsedInput.currentPassword));
    if (!valid) {
      if (!locked) await recordLoginFailure(user.id, lockDurationMs);
      await recordSystemEvent(actor, {
        action: 'auth.password_change',
        outcome: 'denied',
        metadata: { reason: locked ? 'locked' : 'bad_password' },
      });
      refuse(
        'currentPassword',
        locked
          ? 'Too many wrong passwords. Try again in a few minutes.'
          : 'This is not your current password.',
      );
    }
    if (parsedInput.newPassword === parsedInput.currentPassword) {
      refuse('newPassword', 'Choose a password different from the current one.');
    }
    const refusal = await checkPassword(parsedInput.newPassword, personalWords(ctx.user));
    if (refusal) refuse('newPassword', refusal.message);
    const passwordHash = await hashPassword(parsedInput.newPassword);
    const ended = await changeOwnPassword(actor, passwordHash, ctx.session.sessionId, Date.now());
    return { otherSessionsEnded: ended };
  });
