/**
 * The part of the next-auth configuration that needs no database, shared by middleware and the
 * full configuration (lib/auth/next-auth.ts). Both must agree on secret, cookie and token rules.
 */
import type { NextAuthConfig, Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { authSecret, env } from '@/lib/env';
import { ABSOLUTE_LIFETIME_MS, countsAsActivity, judgeSession } from './claims';

/** Expires a token past either limit; refreshes `lastActivity` on real requests only. */
export function checkToken(token: JWT, pathname: string | undefined): JWT | null {
  const now = Date.now();
  if (judgeSession(token, now, env.SESSION_IDLE_MINUTES) !== 'live') return null;
  if (countsAsActivity(pathname)) token.lastActivity = now;
  return token;
}

export function tokenToSession(session: Session, token: JWT): Session {
  session.user = { ...session.user, id: token.uid ?? '' };
  session.claims = {
    uid: token.uid ?? '',
    sv: token.sv ?? 0,
    activeClinicId: token.activeClinicId ?? null,
    activeRole: token.activeRole ?? null,
    globalMode: token.globalMode ?? false,
  };
  return session;
}

export function baseAuthConfig(pathname: string | undefined): NextAuthConfig {
  return {
    secret: authSecret(),
    // Behind a proxy the host comes from headers; production sets AUTH_URL (see README).
    trustHost: true,
    session: { strategy: 'jwt', maxAge: ABSOLUTE_LIFETIME_MS / 1000 },
    pages: { signIn: '/login' },
    providers: [],
    callbacks: {
      jwt: ({ token }) => checkToken(token, pathname),
      session: ({ session, token }) => tokenToSession(session, token),
    },
  };
}
