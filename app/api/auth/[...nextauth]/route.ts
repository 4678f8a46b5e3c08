// GET|POST /api/auth/* - next-auth (sign-in callback, session, csrf, sign-out)
import { guardAuthRoute } from '@/lib/auth/auth-route';
import { handlers } from '@/lib/auth/next-auth';

export const GET = guardAuthRoute(handlers.GET);
export const POST = guardAuthRoute(handlers.POST);
