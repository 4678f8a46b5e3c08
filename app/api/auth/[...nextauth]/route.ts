// GET|POST /api/auth/* - next-auth (sign-in callback, session, csrf, sign-out)
import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/next-auth';

/**
 * The session endpoint only reads here: clinic and mode changes go through server actions. Left
 * alone, next-auth re-issues the session cookie on every call to it, and an answer that arrives
 * after a clinic switch would put the old clinic back (the race middleware.ts avoids too).
 */
function readOnlySession(handler: (req: NextRequest) => Promise<Response>) {
  return async (req: NextRequest): Promise<Response> => {
    const res = await handler(req);
    if (req.nextUrl.pathname !== '/api/auth/session') return res;
    const headers = new Headers(res.headers);
    headers.delete('set-cookie');
    return new Response(res.body, { status: res.status, headers });
  };
}

export const GET = readOnlySession(handlers.GET);
export const POST = readOnlySession(handlers.POST);
