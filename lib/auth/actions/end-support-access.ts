'use server';
import { revalidatePath } from 'next/cache';
import { sessionAction } from '@/lib/actions/safe-action';
import { updateSession } from '@/lib/auth/session';
import { endSupport } from '@/lib/support/lifecycle';
import { endOwnSupportSchema } from '@/lib/support/schemas';

/**
 * The operator ends their own support access (the banner's button): the session named by their
 * token, which requireUser has just found live for this very operator and sign-in session. Either
 * way the session goes back to global mode.
 */
export const endSupportAccessAction = sessionAction
  .metadata({ name: 'endSupportAccess', permission: 'own-session' })
  .inputSchema(endOwnSupportSchema)
  .action(async ({ ctx }) => {
    if (ctx.support) {
      await endSupport({ userId: ctx.user.id, ...ctx.meta }, ctx.support.id, 'operator');
    }
    await updateSession({ type: 'global-mode', on: true });
    revalidatePath('/', 'layout');
    return { ended: ctx.support?.id ?? null };
  });
