import type { JWT } from 'next-auth/jwt';
import { recordSystemEvent } from '@/db/control/audit';
import { listUserClinics } from '@/db/control/memberships';
import { startSession } from '@/db/control/sessions';
import { getUser } from '@/db/control/users';
import { checkToken } from './base-config';
import { ABSOLUTE_LIFETIME_MS, leaveSupport } from './claims';
import { liveSupportOf } from '@/lib/control/support/live';
import { applyIntent, type SessionIntent } from './intents';
import { roleHasPermission } from './permissions';

export interface TokenEvent {
  token: JWT;
  /** Set only on sign-in. */
  user?: { id?: string; sessionVersion?: number; userAgent?: string | null };
  trigger?: 'signIn' | 'signUp' | 'update';
  session?: { intent?: SessionIntent };
  /** The request path; undefined for server-side calls (RSC `auth()`, `unstable_update`). */
  pathname: string | undefined;
}

/**
 * The token lifecycle. Sign-in opens a session row and stamps the claims (and picks the only
 * clinic of a one-clinic user, or global mode for an operator of no clinic); later calls expire the token past its lifetime; only a
 * server-side update (no request) may change the clinic or mode, and then only as the database allows. The client's own
 * POST /api/auth/session carries a request path and its data is ignored. A token that names a
 * support session that has ended or expired is put back in global mode (`leaveSupport`), so
 * the cookie stops naming it wherever next-auth can re-issue it.
 */
export async function evolveToken(event: TokenEvent): Promise<JWT | null> {
  const { token, user, trigger, session, pathname } = event;
  if (user?.id) {
    const clinics = await listUserClinics(user.id);
    const only = clinics.length === 1 ? clinics[0] : undefined;
    const now = Date.now();
    const account = await getUser(user.id);
    // An operator of no clinic has nothing to choose: they land on the control plane, in global
    // mode from the start (audited like the header's "Enter global mode").
    const globalMode =
      clinics.length === 0 &&
      roleHasPermission(account?.systemRoleId ?? null, 'control_plane.access');
    if (globalMode) {
      await recordSystemEvent(
        { userId: user.id },
        { action: 'global_mode.enter', outcome: 'success', metadata: { atSignIn: 1 } },
      );
    }
    return {
      ...token,
      uid: user.id,
      sv: user.sessionVersion ?? 0,
      sessionId: await startSession(user.id, now, ABSOLUTE_LIFETIME_MS, user.userAgent),
      authTime: now,
      activeClinicId: only?.clinicId ?? null,
      activeRole: only?.roleId ?? null,
      globalMode,
      mfaPending: Boolean(account?.mfaEnabledAt),
    };
  }
  const live = checkToken(token);
  if (!live) return null;
  if (trigger === 'update' && pathname === undefined && session?.intent) {
    return applyIntent(live, session.intent);
  }
  if (live.supportSessionId && live.uid && live.sessionId) {
    const support = await liveSupportOf(
      { ...live, uid: live.uid, sessionId: live.sessionId },
      undefined,
    );
    if (!support) return leaveSupport(live, true);
  }
  return live;
}
