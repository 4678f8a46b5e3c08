import type { JWT } from 'next-auth/jwt';
import { findActiveMembership } from '@/db/control/memberships';
import { isSessionMfaVerified } from '@/db/control/sessions';
import { getUser } from '@/db/control/users';
import { roleHasPermission } from './permissions';

/** Changes to a session that server actions request through `unstable_update`. */
export type SessionIntent =
  | { type: 'switch-clinic'; clinicId: string }
  | { type: 'global-mode'; on: boolean }
  | { type: 'mfa-verified' };

/**
 * Applies an intent to the token, re-deriving everything from the database: the data passed to
 * update() is never copied into the token. Re-encoding rotates the token: next-auth gives every
 * encoded JWT a fresh `jti`.
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
    };
  }
  const user = await getUser(token.uid);
  if (!user) return token;
  if (intent.on && !roleHasPermission(user.systemRoleId, 'control_plane.access')) return token;
  return {
    ...token,
    globalMode: intent.on,
    activeClinicId: null,
    activeRole: null,
  };
}
