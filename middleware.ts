/**
 * The first gate, never the only one: every page, action and route re-derives the clinic context
 * from the database (lib/auth/context.ts), so a request that slips past this file (see
 * CVE-2025-29927) is still refused.
 *
 * It also refuses writes from other sites (lib/security/origin.ts) and sets each response's
 * nonce-based Content-Security-Policy (lib/security/headers.mjs).
 *
 * It only reads the session cookie. next-auth's `auth()` middleware would re-issue the cookie on
 * every response, and a response that was already on its way (a link prefetch) would then put
 * back the clinic the user just switched away from, or the session they just signed out of.
 */
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { checkToken } from '@/lib/auth/base-config';
import { authSecret, env } from '@/lib/env';
import { contentSecurityPolicy, newNonce } from '@/lib/security/headers.mjs';
import { checkActionRequest } from '@/lib/security/action-request';
import { isCrossSiteWrite, publicOrigin } from '@/lib/security/origin';

const PUBLIC_ROUTES = [
  /^\/login$/,
  /^\/forgot-password$/,
  /^\/reset-password\/[^/]+$/,
  /^\/invite\/[^/]+$/,
  /^\/api\/auth\//,
  /^\/api\/health$/,
  /^\/api\/inngest$/,
];
/** Client-supplied clinic headers are dropped: the clinic only ever comes from the session. */
const CLIENT_CLINIC_HEADERS = /^x-(clinic|active-clinic|tenant)/i;
/** Pages a signed-in user without an active clinic may still open. */
const NO_CLINIC_ROUTES = [/^\/select-clinic$/, /^\/admin(\/|$)/, /^\/account$/];
/** The MFA code step: the one page a session that has not passed it may open. */
const CODE_STEP = '/login/verify';

/** next-auth names the cookie `__Secure-…` when the site is served over https. */
const SECURE_SESSION_COOKIE = '__Secure-authjs.session-token';

/** The session cookie's claims if valid and unexpired: the cookie only, never a Bearer header. */
async function readClaims(req: NextRequest) {
  const secureCookie = req.cookies.has(SECURE_SESSION_COOKIE);
  const token = await getToken({
    req: { headers: { cookie: req.headers.get('cookie') ?? '' } },
    secret: authSecret(),
    secureCookie,
  });
  return token && checkToken(token);
}
export default async function middleware(req: NextRequest) {
  // Before anything else, public routes included: a server action posted from another site would
  // otherwise reach Next's own check, which answers 500.
  if (isCrossSiteWrite(req)) {
    return NextResponse.json({ error: 'Cross-site request refused' }, { status: 403 });
  }
  // Next answers a body it cannot decode with a 500; refuse it with a 4xx first.
  const action = await checkActionRequest(req);
  if (!action.ok) return NextResponse.json({ error: action.error }, { status: action.status });
  const headers = new Headers(req.headers);
  for (const name of [...headers.keys()]) {
    if (CLIENT_CLINIC_HEADERS.test(name)) headers.delete(name);
  }
  headers.set('x-request-id', crypto.randomUUID());
  // Next takes the nonce for its own scripts from the request's policy header.
  const csp = contentSecurityPolicy({ nonce: newNonce(), dev: env.NODE_ENV === 'development' });
  headers.set('content-security-policy', csp);
  const pass = () => {
    const res = NextResponse.next({ request: { headers } });
    res.headers.set('Content-Security-Policy', csp);
    return res;
  };
  // Redirects name the public origin, never a Host header the client chose.
  const appUrl = (path: string) => new URL(path, publicOrigin() ?? req.nextUrl.origin);

  const path = req.nextUrl.pathname;
  const isApi = path.startsWith('/api/');
  if (PUBLIC_ROUTES.some((r) => r.test(path))) return pass();
  // A server action re-checks the session itself and says "Please sign in" in its own result. A
  // redirect would make the browser re-post the action to /login and the form would fall silent.
  const isServerAction = req.method === 'POST' && req.headers.has('next-action');

  const claims = await readClaims(req);
  if (!claims?.uid) {
    if (isApi) return NextResponse.json({ error: 'Please sign in' }, { status: 401 });
    if (isServerAction) return pass();
    const login = appUrl('/login');
    if (path !== '/') login.searchParams.set('callbackUrl', path + req.nextUrl.search);
    return NextResponse.redirect(login);
  }
  // Routing only: every guard checks the session's row in the database (lib/auth/context.ts).
  if (claims.mfaPending && path !== CODE_STEP) {
    if (isApi)
      return NextResponse.json({ error: 'Enter your sign-in code first' }, { status: 401 });
    if (isServerAction) return pass();
    const verify = appUrl(CODE_STEP);
    if (path !== '/') verify.searchParams.set('callbackUrl', path + req.nextUrl.search);
    return NextResponse.redirect(verify);
  }
  if (path === CODE_STEP) return pass();
  if (!claims.activeClinicId && !claims.globalMode && !NO_CLINIC_ROUTES.some((r) => r.test(path))) {
    if (isApi) return NextResponse.json({ error: 'Choose a clinic first' }, { status: 403 });
    if (isServerAction) return pass();
    return NextResponse.redirect(appUrl('/select-clinic'));
  }
  return pass();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
  runtime: 'nodejs',
};
