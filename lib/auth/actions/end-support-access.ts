'use server';
import { revalidatePath } from 'next/cache';
import { recordSystemEvent } from '@/db/control/audit';
import { sessionAction } from '@/lib/actions/safe-action';
import { roleHasPermission } from '@/lib/auth/permissions';
import { updateSession } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/errors';
import { endSupport } from '@/lib/control/support/lifecycle';
import { endOwnSupportSchema } from '@/lib/control/support/schemas';

/**
 * The operator ends their own support access (the banner's button): the session their token
 * names, which requireUser has just found live for this very operator and sign-in session. The
 * session goes back to global mode either way (access may have expired a moment ago). Only
 * operators have support access to end; anyone else is refused and audited.
 */
export const endSupportAccessAction = sessionAction
  .metadata({ name: 'endSupportAccess', permission: 'own-session' })
  .inputSchema(endOwnSupportSchema)
  .action(async ({ ctx }) => {
    const actor = { userId: ctx.user.id, ...ctx.meta };
    if (!roleHasPermission(ctx.user.systemRoleId, 'support.open')) {
      await recordSystemEvent(actor, { action: 'support.end', outcome: 'denied' });
      throw new ForbiddenError('Only operators have support access to end.');
    }
    if (ctx.support) await endSupport(actor, ctx.support.id, 'operator');
    await updateSession({ type: 'global-mode', on: true });
    revalidatePath('/', 'layout');
    return { ended: ctx.support?.id ?? null };
  });
