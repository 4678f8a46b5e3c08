import { NextRequest } from 'next/server';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET, POST } from '@/app/api/auth/[...nextauth]/route';
import { createUser } from '@/db/control/users';
import { signInAction } from '@/lib/auth/actions/sign-in';
import { hashPassword } from '@/lib/auth/password';
import middleware from '@/middleware';
import nextConfig from '@/next.config.mjs';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';

// A loopback IP as the public origin: Next rewrites it to `localhost` inside a NextRequest, which
// is how next-auth's redirects came to name localhost. Set before lib/env.ts reads it.
const ORIGIN = vi.hoisted(() => {
  process.env.AUTH_URL = 'http://127.0.0.1:3202';
  return process.env.AUTH_URL;
});

// `next build` inlines this flag from next.config.mjs into Next's request code; unbuilt, that code
// reads it from the environment. Taken from the config, so the tests see what the build does.
beforeAll(() => {
  const { skipMiddlewareUrlNormalize } = nextConfig('phase-production-server');
  process.env.__NEXT_NO_MIDDLEWARE_URL_NORMALIZE = skipMiddlewareUrlNormalize ? 'true' : '';
});

// signIn() (in the sign-in action) writes next-auth's cookies through next/headers.
vi.mock('next/headers', () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    has: () => false,
    set: () => {},
  }),
}));

const db = useTestDatabase();
const EMAIL = 'doctor@north.test';
const PASSWORD = 'correct horse battery staple';

const HOSTILE_CALLBACKS = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '//evil.example',
  '/\\evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
];

let passwordHash: string;
beforeEach(async () => {
  await resetDatabase(db.handle());
  passwordHash ??= await hashPassword(PASSWORD);
  await createUser(SYSTEM_ACTOR, { email: EMAIL, name: 'Doctor', passwordHash });
});

function request(path: string, init: { method?: string; cookie?: string; form?: object } = {}) {
  return new NextRequest(new URL(path, ORIGIN), {
    method: init.method ?? 'GET',
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: init.form ? new URLSearchParams(init.form as Record<string, string>) : undefined,
  });
}

/** GET /api/auth/csrf: the token and the cookie that must come back with it. */
async function csrf(): Promise<{ csrfToken: string; cookie: string }> {
  const res = await GET(request('/api/auth/csrf'));
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { csrfToken, cookie };
}

async function signInThroughRoute(fields: { password?: string; callbackUrl?: string } = {}) {
  const { csrfToken, cookie } = await csrf();
  return POST(
    request('/api/auth/callback/credentials', {
      method: 'POST',
      cookie,
      form: { email: EMAIL, password: PASSWORD, csrfToken, callbackUrl: '/', ...fields },
    }),
  );
}

describe('next-auth routes with a malformed callback URL answer 400, not 500', () => {
  it.each(['/api/auth/signin', '/api/auth/signout', '/api/auth/providers', '/api/auth/session'])(
    'GET %s?callbackUrl=http://[',
    async (path) => {
      const res = await GET(request(`${path}?callbackUrl=http%3A%2F%2F%5B`));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'callbackUrl must be a path on this site' });
      expect(res.headers.get('set-cookie')).toBeNull();
    },
  );

  it('refuses a later malformed value of a repeated callbackUrl (next-auth reads the last)', async () => {
    const res = await GET(request('/api/auth/signin?callbackUrl=/&callbackUrl=javascript:x'));
    expect(res.status).toBe(400);
  });

  it('answers POST /api/auth/signout the same way', async () => {
    const res = await POST(
      request('/api/auth/signout?callbackUrl=http%3A%2F%2F%5B', { method: 'POST', form: {} }),
    );
    expect(res.status).toBe(400);
  });

  it.each(['authjs.callback-url', '__Secure-authjs.callback-url'])(
    'refuses a malformed %s cookie and clears it',
    async (name) => {
      const res = await GET(request('/api/auth/providers', { cookie: `${name}=http%3A%2F%2F%5B` }));
      expect(res.status).toBe(400);
      const cleared = res.headers.getSetCookie();
      expect(cleared).toHaveLength(1);
      expect(cleared[0]).toMatch(new RegExp(`^${name}=; Path=/; Max-Age=0`));
    },
  );

  // Next's cookie parser drops a value it cannot percent-decode; next-auth reads it as sent and
  // answered with a 500 (found by test/endpoint-fuzz.int.test.ts).
  it.each(['%zz', '%_%\\x%_%\\', ' \u00a0/patients'])(
    'refuses a callback cookie %j that only next-auth can read, and clears it',
    async (value) => {
      const res = await GET(
        request('/api/auth/signin', { cookie: `authjs.callback-url=${value}` }),
      );
      expect(res.status).toBe(400);
      expect(res.headers.getSetCookie()[0]).toMatch(/^authjs\.callback-url=; Path=\/; Max-Age=0/);
    },
  );

  it('still serves well-formed requests', async () => {
    const res = await GET(request('/api/auth/providers?callbackUrl=%2Fpatients'));
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()) as object)).toEqual(['credentials']);
  });
});

describe('next-auth redirects name the AUTH_URL host', () => {
  it('after a sign-in through the credentials callback', async () => {
    const res = await signInThroughRoute({ callbackUrl: '/patients?q=a' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${ORIGIN}/patients?q=a`);
  });

  it('after a failed sign-in', async () => {
    const res = await signInThroughRoute({ password: 'wrong password entirely' });
    expect(new URL(res.headers.get('location') ?? '').origin).toBe(ORIGIN);
  });

  it('after a sign-out', async () => {
    const { csrfToken, cookie } = await csrf();
    const res = await POST(
      request('/api/auth/signout', {
        method: 'POST',
        cookie,
        form: { csrfToken, callbackUrl: '/login' },
      }),
    );
    expect(res.headers.get('location')).toBe(`${ORIGIN}/login`);
  });

  it("on middleware's redirect to sign in, whatever Host the client sent", async () => {
    const res = await middleware(
      new NextRequest(`${ORIGIN}/patients`, { headers: { host: 'evil.example' } }),
    );
    expect(res.headers.get('location')).toBe(`${ORIGIN}/login?callbackUrl=%2Fpatients`);
  });
});

describe('sign-in never redirects off the site', () => {
  it.each(HOSTILE_CALLBACKS)('the credentials callback sends %j home', async (callbackUrl) => {
    const res = await signInThroughRoute({ callbackUrl });
    expect(res.headers.get('location')).toBe(`${ORIGIN}/`);
  });

  it.each(HOSTILE_CALLBACKS)('the sign-in action sends %j home', async (callbackUrl) => {
    const result = await signInAction({ email: EMAIL, password: PASSWORD, callbackUrl });
    // A value with control characters is refused by the schema; anything else goes home.
    expect(result.data?.redirectTo ?? result.validationErrors?.callbackUrl).toEqual(
      /[\t\n\r]/.test(callbackUrl) ? { _errors: [expect.any(String)] } : '/',
    );
  });

  it('keeps a path on this site', async () => {
    const result = await signInAction({ email: EMAIL, password: PASSWORD, callbackUrl: '/audit' });
    expect(result.data).toEqual({ redirectTo: '/audit' });
  });

  it('answers a wrong password with the one message for every failure', async () => {
    const result = await signInAction({ email: EMAIL, password: 'wrong', callbackUrl: '/audit' });
    expect(result).toEqual({
      serverError: 'Email or password is incorrect, or the account is locked.',
    });
  });
});
