'use server';
import { revalidatePath } from 'next/cache';
import { auditedChange } from '@/db/control/audit';
import { clearMfa } from '@/db/control/mfa';
import { sessionAction } from '@/lib/actions/safe-action';
import { enrolledUserWithPassword } from '@/lib/auth/mfa/check';
import { passwordAgainSchema } from '@/lib/auth/mfa/schemas';

/**
 * Turns the user's own MFA off, after the password is given again. Where policy requires MFA (an
 * operator in production, a clinic with `require_mfa`) the guards then send them back to enrol.
 */
export const disableMfaAction = sessionAction
  .metadata({ name: 'disableMfa', permission: 'own-session' })
  .inputSchema(passwordAgainSchema)
  .action(async ({ parsedInput, ctx }) => {
    const user = await enrolledUserWithPassword(ctx, parsedInput.password);
    await auditedChange(
      { userId: user.id, ...ctx.meta },
      () => ({ action: 'mfa.disable', outcome: 'success', entityType: 'user', entityId: user.id }),
      (db) => clearMfa(user.id, db),
    );
    revalidatePath('/', 'layout');
    return { disabled: true };
  });
