/**
 * What app/api/auth/[...nextauth]/route.ts puts around next-auth's handlers: bad callback URLs are
 * a 400 instead of next-auth's 500, and the session endpoint only reads.
 */
import type { NextRequest } from 'next/server';

type Handler = (req: NextRequest) => Promise<Response>;

/** next-auth's cookie for the callback URL, over http and https. */
const CALLBACK_COOKIES = ['authjs.callback-url', '__Secure-authjs.callback-url'];

/**
 * next-auth's own test (its `isValidHttpUrl`, which it does not export): a path or an http(s)
 * URL. It answers anything else, in the query or the cookie, with InvalidCallbackUrl and a 500.
 */
function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * A cookie's value as next-auth reads it (its vendored `cookie` parser): the first one of that
 * name, spaces and tabs trimmed, percent-decoded where that works and as sent where it does not.
 * Not `req.cookies`: Next's parser drops a value it cannot decode (`%zz`), which next-auth still
 * reads, and it then answered with a 500.
 */
function cookieAsAuthjsReadsIt(req: NextRequest, name: string): string | undefined {
  for (const pair of (req.headers.get('cookie') ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).replace(/^[ \t]+|[ \t]+$/g, '') !== name) continue;
    const value = pair.slice(eq + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

function malformedCallbackUrl(req: NextRequest): Response | null {
  const origin = req.nextUrl.origin;
  if (req.nextUrl.searchParams.getAll('callbackUrl').some((v) => !isHttpUrl(v, origin))) {
    return Response.json({ error: 'callbackUrl must be a path on this site' }, { status: 400 });
  }
  const bad = CALLBACK_COOKIES.filter((name) => {
    const value = cookieAsAuthjsReadsIt(req, name);
    return value !== undefined && !isHttpUrl(value, origin);
  });
  if (bad.length === 0) return null;
  const res = Response.json({ error: 'Invalid callback cookie; it was cleared' }, { status: 400 });
  // Cleared, or every later sign-in request would fail the same way.
  for (const name of bad) {
    const secure = name.startsWith('__Secure-') ? '; Secure' : '';
    res.headers.append(
      'set-cookie',
      `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`,
    );
  }
  return res;
}

/**
 * The session endpoint only reads here: clinic and mode changes go through server actions. Left
 * alone, next-auth re-issues the session cookie on every call to it, and an answer that arrives
 * after a clinic switch would put the old clinic back (the race middleware.ts avoids too).
 */
function readOnlySession(req: NextRequest, res: Response): Response {
  if (req.nextUrl.pathname !== '/api/auth/session') return res;
  const headers = new Headers(res.headers);
  headers.delete('set-cookie');
  return new Response(res.body, { status: res.status, headers });
}

export function guardAuthRoute(handler: Handler): Handler {
  return async (req) => {
    const refusal = malformedCallbackUrl(req);
    if (refusal) return refusal;
    return readOnlySession(req, await handler(req));
  };
}
