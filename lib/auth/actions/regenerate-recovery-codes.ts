'use server';
import { recordSystemEvent } from '@/db/control/audit';
import { replaceRecoveryCodes } from '@/db/control/mfa';
import { sessionAction } from '@/lib/actions/safe-action';
import { enrolledUserWithPassword } from '@/lib/auth/mfa/check';
import { hashRecoveryCode, newRecoveryCodes } from '@/lib/auth/mfa/recovery-codes';
import { passwordAgainSchema } from '@/lib/auth/mfa/schemas';

/** New recovery codes (the old ones stop working), after the password is given again. */
export const regenerateRecoveryCodesAction = sessionAction
  .metadata({ name: 'regenerateRecoveryCodes', permission: 'own-session' })
  .inputSchema(passwordAgainSchema)
  .action(async ({ parsedInput, ctx }) => {
    const user = await enrolledUserWithPassword(ctx, parsedInput.password);
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(user.id, codes.map(hashRecoveryCode));
    await recordSystemEvent(
      { userId: user.id, ...ctx.meta },
      {
        action: 'mfa.recovery_codes_regenerate',
        outcome: 'success',
        entityType: 'user',
        entityId: user.id,
      },
    );
    return { recoveryCodes: codes };
  });
