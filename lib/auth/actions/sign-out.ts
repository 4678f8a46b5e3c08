'use server';
import { recordSystemEvent } from '@/db/control/audit';
import { endSession } from '@/db/control/sessions';
import { publicAction } from '@/lib/actions/safe-action';
import { signOut } from '@/lib/auth/next-auth';
import { requestMeta } from '@/lib/auth/request-context';
import { readSession } from '@/lib/auth/session';
import { endSupportAtSignOut } from '@/lib/control/support/lifecycle';

/**
 * Public on purpose: a user whose session was revoked must still be able to sign out. The
 * session row is ended first, so the old cookie is refused even if a copy of it comes back.
 */
export const signOutAction = publicAction
  .metadata({ name: 'signOut', permission: 'public' })
  .action(async () => {
    const session = await readSession();
    if (session) {
      const actor = { userId: session.uid, ...(await requestMeta()) };
      await endSession(session.sessionId, Date.now());
      if (session.supportSessionId) await endSupportAtSignOut(actor, session.supportSessionId);
      await recordSystemEvent(actor, { action: 'auth.sign_out', outcome: 'success' });
    }
    await signOut({ redirectTo: '/login' });
  });
