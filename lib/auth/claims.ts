/**
 * Session lifetime rules, pure so they can run in middleware and be tested with a fake clock.
 * The JWT carries `authTime` (sign-in) for the absolute limit. Idle time lives in the session's
 * database row (db/control/sessions.ts): tracking it in the token would mean re-issuing the
 * cookie on every response, and a response that was already on its way would then undo a clinic
 * switch or a sign-out.
 */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60_000;

export interface SessionClaims {
  uid: string;
  sv: number;
  /** The user_sessions row this token belongs to; stable across clinic switches. */
  sessionId: string;
  authTime: number;
  activeClinicId: string | null;
  activeRole: string | null;
  globalMode: boolean;
  /**
   * The support session (lib/control/support/*) an operator works in, if any. Only a pointer: every request
   * re-checks the row in the database, and an ended or expired one puts the session back in global
   * mode.
   */
  supportSessionId?: string | null;
  /**
   * The session still has to pass the MFA code step. Only routes the browser (middleware); every
   * guard reads the session's database row instead (lib/auth/context.ts).
   */
  mfaPending?: boolean;
}

/**
 * The claims once support access is over: no clinic, no support session, and global mode for an
 * operator (only operators open support; requireUser and the control-plane guard re-check that).
 */
export function leaveSupport<T extends Partial<SessionClaims>>(claims: T, globalMode: boolean): T {
  return { ...claims, supportSessionId: null, activeClinicId: null, activeRole: null, globalMode };
}

export type TokenVerdict = 'live' | 'absolute-expired' | 'malformed';

export function judgeToken(claims: Partial<SessionClaims>, now: number): TokenVerdict {
  if (typeof claims.uid !== 'string' || typeof claims.sv !== 'number') return 'malformed';
  if (typeof claims.sessionId !== 'string' || typeof claims.authTime !== 'number') {
    return 'malformed';
  }
  if (now - claims.authTime > ABSOLUTE_LIFETIME_MS) return 'absolute-expired';
  return 'live';
}
