/**
 * Session lifetime rules, pure so they can run in middleware and be tested with a fake clock.
 * The JWT carries `authTime` (sign-in) and `lastActivity`; next-auth's own expiry slides on every
 * read, so both limits need claims of our own.
 */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60_000;

export interface SessionClaims {
  uid: string;
  sv: number;
  authTime: number;
  lastActivity: number;
  activeClinicId: string | null;
  activeRole: string | null;
  globalMode: boolean;
}

export type SessionVerdict = 'live' | 'idle-expired' | 'absolute-expired' | 'malformed';

export function judgeSession(
  claims: Partial<SessionClaims>,
  now: number,
  idleMinutes: number,
): SessionVerdict {
  if (typeof claims.uid !== 'string' || typeof claims.sv !== 'number') return 'malformed';
  if (typeof claims.authTime !== 'number' || typeof claims.lastActivity !== 'number') {
    return 'malformed';
  }
  if (now - claims.authTime > ABSOLUTE_LIFETIME_MS) return 'absolute-expired';
  if (now - claims.lastActivity > idleMinutes * 60_000) return 'idle-expired';
  return 'live';
}

/** Background session polling must not count as activity. */
export function countsAsActivity(pathname: string | undefined): boolean {
  return pathname !== undefined && !pathname.startsWith('/api/auth/session');
}
