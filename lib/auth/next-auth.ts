/**
 * next-auth, fully configured: the credentials provider and the database-backed parts of the
 * token lifecycle. Lazy initialisation hands us the request, so the callbacks know whether they
 * run for a real request, for session polling, or for a server-side update.
 */
import NextAuth from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { text } from '@/lib/validation/text';
import { authenticate } from './authenticate';
import { baseAuthConfig } from './base-config';
import { evolveToken } from './token';
import { clientIp } from './request-meta';

const credentialsSchema = z.object({
  email: text().trim().min(3).max(254),
  password: text().min(1).max(1024),
});

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth((req) => {
  const pathname = req ? new URL(req.url).pathname : undefined;
  const base = baseAuthConfig();
  return {
    ...base,
    providers: [
      Credentials({
        credentials: {
          email: { label: 'Email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const user = await authenticate(parsed.data.email, parsed.data.password, {
            ip: clientIp(request.headers),
            requestId: request.headers.get('x-request-id'),
          });
          return (
            user && {
              id: user.id,
              email: user.email,
              name: user.name,
              sessionVersion: user.sessionVersion,
              // For the account page's session list; cut short when stored.
              userAgent: request.headers.get('user-agent'),
            }
          );
        },
      }),
    ],
    callbacks: {
      ...base.callbacks,
      jwt: ({ token, user, trigger, session }) =>
        evolveToken({ token, user, trigger, session, pathname }),
    },
  };
});
