/**
 * The signed session as tests see it. test/setup.ts mocks lib/auth/session (the one reader of the
 * next-auth cookie) with this, so actions and route handlers run for real against the database
 * with whichever user a test signs in as.
 */
import type { JWT } from 'next-auth/jwt';
import { startSession } from '@/db/control/sessions';
import { ABSOLUTE_LIFETIME_MS } from '@/lib/auth/claims';
import type { PageStamp } from '@/lib/auth/page-stamp';
import type { SessionView } from '@/lib/auth/session';

export const testSession: { current: SessionView | null; headers: Headers } = {
  current: null,
  headers: new Headers(),
};

/** Signs in as next-auth would: a session row in the database, its claims in the "cookie". */
export async function signInAs(
  user: { id: string; sessionVersion: number },
  options: { clinicId?: string | null; role?: string | null; globalMode?: boolean } = {},
): Promise<void> {
  testSession.current = {
    uid: user.id,
    sv: user.sessionVersion,
    sessionId: await startSession(user.id, Date.now(), ABSOLUTE_LIFETIME_MS),
    activeClinicId: options.clinicId ?? null,
    activeRole: options.role ?? null,
    globalMode: options.globalMode ?? false,
  };
}

export function signOut(): void {
  testSession.current = null;
}

export function tokenToView(token: JWT): SessionView {
  return {
    uid: token.uid ?? '',
    sv: token.sv ?? 0,
    sessionId: token.sessionId ?? '',
    activeClinicId: token.activeClinicId ?? null,
    activeRole: token.activeRole ?? null,
    globalMode: token.globalMode ?? false,
    supportSessionId: token.supportSessionId ?? null,
  };
}

/** The stamp a page rendered for the current test session carries (any stamp when signed out). */
export function currentPageStamp(): PageStamp {
  const s = testSession.current;
  return s?.activeClinicId
    ? { clinicId: s.activeClinicId, userId: s.uid }
    : { clinicId: NO_PAGE_ID, userId: s?.uid ?? NO_PAGE_ID };
}

const NO_PAGE_ID = '00000000-0000-4000-8000-000000000000';

/** Calls a clinic action as a form on a page of the current session does (stamp bound first). */
export function fromPage<I, R>(action: (stamp: PageStamp, input: I) => Promise<R>) {
  return (input: I): Promise<R> => action(currentPageStamp(), input);
}
