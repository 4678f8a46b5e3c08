/**
 * The first gate, never the only one: every page, action and route re-derives the clinic context
 * from the database (lib/auth/context.ts), so a request that slips past this file (see
 * CVE-2025-29927) is still refused.
 */
import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { baseAuthConfig } from '@/lib/auth/base-config';

const { auth } = NextAuth((req) => baseAuthConfig(req?.nextUrl.pathname));

const PUBLIC_ROUTES = [/^\/login$/, /^\/api\/auth\//, /^\/api\/health$/, /^\/api\/inngest$/];
/** Client-supplied clinic headers are dropped: the clinic only ever comes from the session. */
const CLIENT_CLINIC_HEADERS = /^x-(clinic|active-clinic|tenant)/i;
/** Pages a signed-in user without an active clinic may still open. */
const NO_CLINIC_ROUTES = [/^\/select-clinic$/, /^\/admin(\/|$)/];

const guard = auth((req) => {
  const headers = new Headers(req.headers);
  for (const name of [...headers.keys()]) {
    if (CLIENT_CLINIC_HEADERS.test(name)) headers.delete(name);
  }
  headers.set('x-request-id', crypto.randomUUID());
  const pass = () => NextResponse.next({ request: { headers } });

  const path = req.nextUrl.pathname;
  const isApi = path.startsWith('/api/');
  if (PUBLIC_ROUTES.some((r) => r.test(path))) return pass();

  const claims = req.auth?.claims;
  if (!claims?.uid) {
    if (isApi) return NextResponse.json({ error: 'Please sign in' }, { status: 401 });
    const login = new URL('/login', req.nextUrl);
    if (path !== '/') login.searchParams.set('callbackUrl', path + req.nextUrl.search);
    return NextResponse.redirect(login);
  }
  if (!claims.activeClinicId && !claims.globalMode && !NO_CLINIC_ROUTES.some((r) => r.test(path))) {
    if (isApi) return NextResponse.json({ error: 'Choose a clinic first' }, { status: 403 });
    return NextResponse.redirect(new URL('/select-clinic', req.nextUrl));
  }
  return pass();
});

/**
 * With lazy configuration (needed so the token callbacks see the request path) next-auth's
 * `auth(handler)` resolves to the handler asynchronously, despite its declared type.
 */
type Handler = (req: NextRequest, ev: NextFetchEvent) => Promise<Response | undefined>;
export default async function middleware(req: NextRequest, ev: NextFetchEvent) {
  const handler = (await (guard as unknown as Promise<Handler>)) satisfies Handler;
  return handler(req, ev);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt).*)'],
  runtime: 'nodejs',
};
