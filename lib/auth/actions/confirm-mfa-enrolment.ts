'use server';
import { confirmMfaEnrolment } from '@/db/control/mfa';
import { getUser } from '@/db/control/users';
import { sessionAction } from '@/lib/actions/safe-action';
import { throttledAttempt } from '@/lib/auth/mfa/check';
import { hashRecoveryCode, newRecoveryCodes } from '@/lib/auth/mfa/recovery-codes';
import { confirmMfaSchema } from '@/lib/auth/mfa/schemas';
import { openSecret } from '@/lib/auth/mfa/secret-box';
import { matchTotp } from '@/lib/auth/mfa/totp';
import { ActionError } from '@/lib/errors';

/**
 * Confirms enrolment with a first code from the app: the pending secret becomes the secret, and
 * ten recovery codes are made. They are returned once, for the page to show, and stored only as
 * hashes. Wrong codes count towards the account's lockout like wrong passwords.
 */
export const confirmMfaEnrolmentAction = sessionAction
  .metadata({ name: 'confirmMfaEnrolment', permission: 'own-session' })
  .inputSchema(confirmMfaSchema)
  .action(async ({ parsedInput, ctx }) => {
    const user = await getUser(ctx.user.id);
    const pending = user?.mfaPendingSecret;
    if (!user || !pending || ctx.mfaEnrolled) {
      throw new ActionError('Start the set-up first.');
    }
    const codes = newRecoveryCodes();
    const outcome = await throttledAttempt(
      user,
      { userId: user.id, ...ctx.meta },
      'mfa.enable',
      async () => {
        const step = matchTotp(openSecret(pending), parsedInput.code);
        if (step === null) return { failure: 'bad_code' };
        const confirmed = await confirmMfaEnrolment({
          userId: user.id,
          sessionId: ctx.session.sessionId,
          pendingSealed: pending,
          step,
          recoveryHashes: codes.map(hashRecoveryCode),
        });
        return confirmed ? { value: true } : { failure: 'pending_secret_changed' };
      },
    );
    if (!outcome.ok) {
      throw new ActionError('That code did not work, or too many attempts were made.');
    }
    // No revalidation here: the page would re-render without the codes before they were read.
    // The form refreshes once the user says they saved them.
    return { recoveryCodes: codes };
  });
