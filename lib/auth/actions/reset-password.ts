'use server';
import { returnValidationErrors } from 'next-safe-action';
import { completePasswordReset, findResetTarget } from '@/db/control/passwords';
import { publicAction } from '@/lib/actions/safe-action';
import { resetPasswordSchema } from '@/lib/auth/account-schemas';
import { hashPassword } from '@/lib/auth/password';
import { checkPassword, personalWords } from '@/lib/auth/password-policy';
import { RESET_LINK_UNUSABLE, hashResetToken } from '@/lib/auth/password-reset';
import { requestMeta } from '@/lib/auth/request-context';
import { ActionError } from '@/lib/errors';

/**
 * Sets a new password through a reset link: public, since the link is the proof. The password
 * must meet the policy (with the person's own name and address counted as known words); then the
 * link is used up, the lockout cleared and every session of the user ended (db/control/passwords).
 */
export const resetPasswordAction = publicAction
  .metadata({ name: 'resetPassword', permission: 'public' })
  .inputSchema(resetPasswordSchema)
  .action(async ({ parsedInput }) => {
    const tokenHash = hashResetToken(parsedInput.token);
    const target = await findResetTarget(tokenHash, Date.now());
    if (!target) throw new ActionError(RESET_LINK_UNUSABLE);
    const refusal = await checkPassword(parsedInput.password, personalWords(target));
    if (refusal) {
      returnValidationErrors(resetPasswordSchema, { password: { _errors: [refusal.message] } });
    }
    const passwordHash = await hashPassword(parsedInput.password);
    const user = await completePasswordReset(
      await requestMeta(),
      tokenHash,
      passwordHash,
      Date.now(),
    );
    // Used by a concurrent request between the look-up and now.
    if (!user) throw new ActionError(RESET_LINK_UNUSABLE);
    return { email: user.email };
  });
