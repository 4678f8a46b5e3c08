'use server';
import { revalidatePath } from 'next/cache';
import { recordSystemEvent } from '@/db/control/audit';
import { setPendingMfaSecret } from '@/db/control/mfa';
import { sessionAction } from '@/lib/actions/safe-action';
import { sealSecret } from '@/lib/auth/mfa/secret-box';
import { newTotpSecret } from '@/lib/auth/mfa/totp';
import { ActionError } from '@/lib/errors';

/**
 * Starts MFA enrolment: a new secret, stored sealed as pending until a first code confirms it.
 * The account page then shows its QR code and key. Starting again replaces the pending secret.
 */
export const startMfaEnrolmentAction = sessionAction
  .metadata({ name: 'startMfaEnrolment', permission: 'own-session' })
  .action(async ({ ctx }) => {
    if (ctx.mfaEnrolled) throw new ActionError('Two-step sign-in is already on.');
    await setPendingMfaSecret(ctx.user.id, sealSecret(newTotpSecret()));
    await recordSystemEvent(
      { userId: ctx.user.id, ...ctx.meta },
      {
        action: 'mfa.enrolment_start',
        outcome: 'success',
        entityType: 'user',
        entityId: ctx.user.id,
      },
    );
    revalidatePath('/account');
    return { started: true };
  });
