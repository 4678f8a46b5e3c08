/**
 * The part of the next-auth configuration that needs no database, shared by middleware and the
 * full configuration (lib/auth/next-auth.ts). Both must agree on secret, cookie and token rules.
 */
import type { NextAuthConfig, Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { authSecret } from '@/lib/env';
import { ABSOLUTE_LIFETIME_MS, judgeToken } from './claims';
import { safeCallbackPath } from './sign-in-rules';

/** The token if it is well-formed and within the absolute lifetime, else null. */
export function checkToken(token: JWT, now = Date.now()): JWT | null {
  return judgeToken(token, now) === 'live' ? token : null;
}

export function tokenToSession(session: Session, token: JWT): Session {
  session.user = { ...session.user, id: token.uid ?? '' };
  session.claims = {
    uid: token.uid ?? '',
    sv: token.sv ?? 0,
    sessionId: token.sessionId ?? '',
    activeClinicId: token.activeClinicId ?? null,
    activeRole: token.activeRole ?? null,
    globalMode: token.globalMode ?? false,
    supportSessionId: token.supportSessionId ?? null,
  };
  return session;
}

export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    // next-auth builds its URLs from AUTH_URL, which production requires (lib/env.ts); only
    // development without it takes the host from the request.
    trustHost: true,
    // The cookie expires with the absolute lifetime; it is re-issued only on sign-in and on a
    // clinic or mode change, never on an ordinary response (see claims.ts).
    session: { strategy: 'jwt', maxAge: ABSOLUTE_LIFETIME_MS / 1000 },
    pages: { signIn: '/login' },
    providers: [],
    callbacks: {
      // Where sign-in and sign-out go (callbackUrl): only a path on this app.
      redirect: ({ url, baseUrl }) => new URL(safeCallbackPath(url, baseUrl), baseUrl).href,
      jwt: ({ token }) => checkToken(token),
      session: ({ session, token }) => tokenToSession(session, token),
    },
  };
}
