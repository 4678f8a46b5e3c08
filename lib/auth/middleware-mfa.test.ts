/**
 * The middleware's MFA routing (issue 10 §4): a token whose session has not passed its code step
 * is sent to /login/verify from every page (with where it was going), APIs answer 401, and the
 * code step itself opens without a clinic. Routing only: the guards check the database row.
 */
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import middleware from '@/middleware';
import { authSecret } from '@/lib/env';

const COOKIE = 'authjs.session-token';

async function requestWith(path: string, claims: Record<string, unknown>) {
  const token = await encode({ token: claims, secret: authSecret(), salt: COOKIE });
  return new NextRequest(`http://localhost${path}`, { headers: { cookie: `${COOKIE}=${token}` } });
}

const pending = {
  uid: 'u1',
  sv: 1,
  sessionId: 's1',
  authTime: Date.now(),
  activeClinicId: 'c1',
  activeRole: 'doctor',
  globalMode: false,
  mfaPending: true,
};

describe('middleware, MFA code step', () => {
  it('sends every page to the code step, keeping where it was going', async () => {
    for (const path of ['/patients?q=a', '/account', '/admin', '/select-clinic']) {
      const res = await middleware(await requestWith(path, pending));
      const to = new URL(res.headers.get('location') ?? '');
      expect(to.pathname, path).toBe('/login/verify');
      expect(to.searchParams.get('callbackUrl'), path).toBe(path);
    }
  });

  it('answers APIs with 401 and opens the code step, even without a clinic', async () => {
    const api = await middleware(await requestWith('/api/patients/search', pending));
    expect(api.status).toBe(401);
    const step = await middleware(
      await requestWith('/login/verify', { ...pending, activeClinicId: null }),
    );
    expect(step.headers.get('x-middleware-next')).toBe('1');
  });

  it('lets a session that passed go where it asked', async () => {
    const res = await middleware(await requestWith('/patients', { ...pending, mfaPending: false }));
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });
});
