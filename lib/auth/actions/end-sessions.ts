'use server';
import { recordSystemEvent } from '@/db/control/audit';
import { endUserSessions } from '@/db/control/sessions';
import { sessionAction } from '@/lib/actions/safe-action';
import { endSessionsSchema } from '@/lib/auth/account-schemas';
import { ActionError } from '@/lib/errors';

/**
 * Signs the user out of their other sessions: one by id, or all of them. The session making the
 * request is never ended here (that is "Sign out"), and only the caller's own rows are touched:
 * another user's session id ends nothing, and the attempt is audited.
 */
export const endSessionsAction = sessionAction
  .metadata({ name: 'endSessions', permission: 'own-session' })
  .inputSchema(endSessionsSchema)
  .action(async ({ parsedInput, ctx }) => {
    const actor = { userId: ctx.user.id, ...ctx.meta };
    const { sessionId } = parsedInput;
    if (sessionId === ctx.session.sessionId) {
      throw new ActionError('To end this session, sign out.');
    }
    const ended = await endUserSessions(ctx.user.id, Date.now(), {
      keepSessionId: ctx.session.sessionId,
      onlyId: sessionId,
    });
    if (sessionId && ended === 0) {
      await recordSystemEvent(actor, {
        action: 'auth.sessions_end',
        outcome: 'denied',
        entityType: 'user_session',
        entityId: sessionId,
      });
      throw new ActionError('That session has already ended.');
    }
    await recordSystemEvent(actor, {
      action: 'auth.sessions_end',
      outcome: 'success',
      metadata: { ended, one: Boolean(sessionId) },
    });
    return { ended };
  });
