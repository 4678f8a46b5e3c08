import type { JWT } from 'next-auth/jwt';
import { findActiveMembership } from '@/db/control/memberships';
import { findLiveSupport } from '@/db/control/support-sessions';
import { isSessionMfaVerified } from '@/db/control/sessions';
import { getUser } from '@/db/control/users';
import { roleHasPermission } from './permissions';

/** Changes to a session that server actions request through `unstable_update`. */
export type SessionIntent =
  | { type: 'switch-clinic'; clinicId: string }
  | { type: 'global-mode'; on: boolean }
  | { type: 'support'; supportSessionId: string }
  | { type: 'mfa-verified' };

/**
 * Applies an intent to the token, re-deriving everything from the database: the data passed to
 * update() is never copied into the token. Re-encoding rotates the token: next-auth gives every
 * encoded JWT a fresh `jti`. Every intent but `support` leaves support access (clears its id).
 */
export async function applyIntent(token: JWT, intent: SessionIntent): Promise<JWT> {
  if (!token.uid) return token;
  if (intent.type === 'mfa-verified') {
    const verified = token.sessionId ? await isSessionMfaVerified(token.sessionId) : false;
    return verified ? { ...token, mfaPending: false } : token;
  }
  if (intent.type === 'switch-clinic') {
    const membership = await findActiveMembership(token.uid, intent.clinicId);
    if (!membership) return token;
    return {
      ...token,
      activeClinicId: membership.clinicId,
      activeRole: membership.roleId,
      globalMode: false,
      supportSessionId: null,
    };
  }
  const user = await getUser(token.uid);
  if (!user) return token;
  if (intent.type === 'support') return enterSupport(token, user.systemRoleId, intent);
  if (intent.on && !roleHasPermission(user.systemRoleId, 'control_plane.access')) return token;
  return {
    ...token,
    globalMode: intent.on,
    activeClinicId: null,
    activeRole: null,
    supportSessionId: null,
  };
}

/** Into a support session that is live for this operator and this very sign-in session. */
async function enterSupport(
  token: JWT,
  systemRoleId: string | null,
  intent: { supportSessionId: string },
): Promise<JWT> {
  if (!token.uid || !token.sessionId) return token;
  if (!roleHasPermission(systemRoleId, 'support.open')) return token;
  const live = await findLiveSupport(
    intent.supportSessionId,
    token.uid,
    token.sessionId,
    new Date(),
  );
  if (!live) return token;
  return {
    ...token,
    activeClinicId: live.clinicId,
    activeRole: live.writeAccess ? 'support_write' : 'support_read',
    globalMode: false,
    supportSessionId: live.id,
  };
}
