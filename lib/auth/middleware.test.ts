import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import middleware, { config } from '@/middleware';
import { ABSOLUTE_LIFETIME_MS } from '@/lib/auth/claims';
import { authSecret } from '@/lib/env';

const COOKIE = 'authjs.session-token';

async function requestWith(path: string, claims: Record<string, unknown>, headers = {}) {
  const token = await encode({ token: claims, secret: authSecret(), salt: COOKIE });
  return new NextRequest(`http://localhost${path}`, {
    headers: { cookie: `${COOKIE}=${token}`, ...headers },
  });
}

const live = () => ({
  uid: 'u1',
  sv: 1,
  sessionId: 's1',
  authTime: Date.now(),
  activeClinicId: 'c1',
  activeRole: 'doctor',
  globalMode: false,
});

describe('middleware', () => {
  it('lets a signed-in request through without re-issuing the session cookie', async () => {
    // A late response re-setting the cookie would undo a clinic switch or a sign-out.
    const res = await middleware(await requestWith('/exports', live(), { RSC: '1' }));
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('sends a token past the absolute lifetime to sign-in', async () => {
    const old = { ...live(), authTime: Date.now() - ABSOLUTE_LIFETIME_MS - 1 };
    const res = await middleware(await requestWith('/exports', old));
    expect(new URL(res.headers.get('location') ?? '').pathname).toBe('/login');
  });

  it('sends a user without an active clinic to the chooser, and answers APIs with 403', async () => {
    const none = { ...live(), activeClinicId: null };
    const page = await middleware(await requestWith('/patients', none));
    expect(new URL(page.headers.get('location') ?? '').pathname).toBe('/select-clinic');
    const api = await middleware(await requestWith('/api/patients/search', none));
    expect(api.status).toBe(403);
  });

  it('lets a server action through to answer for itself, signed out or without a clinic', async () => {
    // A redirect would have the browser re-post the action to /login, and the form fall silent.
    const action = { method: 'POST', headers: { 'next-action': 'abc123' }, body: '[]' };
    const anonymous = await middleware(new NextRequest('http://localhost/patients/new', action));
    expect(anonymous.headers.get('x-middleware-next')).toBe('1');
    const none = await requestWith(
      '/patients/new',
      { ...live(), activeClinicId: null },
      action.headers,
    );
    const noClinic = await middleware(new NextRequest(none, { method: 'POST', body: '[]' }));
    expect(noClinic.headers.get('x-middleware-next')).toBe('1');
    // A page visit or a plain POST is still sent to sign in.
    const page = await middleware(
      new NextRequest('http://localhost/patients/new', { method: 'POST' }),
    );
    expect(new URL(page.headers.get('location') ?? '').pathname).toBe('/login');
  });

  it('ignores a Bearer token: only the cookie signs a request in', async () => {
    const token = await encode({ token: live(), secret: authSecret(), salt: COOKIE });
    const res = await middleware(
      new NextRequest('http://localhost/api/patients/search', {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(res.status).toBe(401);
  });

  it('drops client-sent clinic headers', async () => {
    const res = await middleware(await requestWith('/patients', live(), { 'x-clinic-id': 'c2' }));
    expect(res.headers.get('x-middleware-request-x-clinic-id')).toBeNull();
    expect(res.headers.get('x-middleware-request-x-request-id')).toBeTruthy();
  });

  it('refuses a cross-site server action with a 403 before Next sees it, on public pages too', async () => {
    const action = (origin: string) =>
      new NextRequest('http://localhost/login', {
        method: 'POST',
        headers: {
          host: 'localhost',
          origin,
          'next-action': 'abc123',
          'x-forwarded-host': 'evil.test',
        },
        body: '[]',
      });
    const refused = await middleware(action('https://evil.test'));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'Cross-site request refused' });
    // The same request from this site passes on (this test run has no AUTH_URL: Host decides).
    const same = await middleware(action('http://localhost'));
    expect(same.headers.get('x-middleware-next')).toBe('1');
  });

  it('gives every response its own nonce-based script policy, and hands it to Next', async () => {
    const first = await middleware(await requestWith('/patients', live()));
    const second = await middleware(new NextRequest('http://localhost/login'));
    const policies = [first, second].map((r) => r.headers.get('content-security-policy') ?? '');
    for (const [i, res] of [first, second].entries()) {
      const scriptSrc = policies[i]?.split('; ').find((d) => d.startsWith('script-src '));
      expect(scriptSrc).toMatch(/^script-src 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'$/);
      // Next reads the nonce from the request's header to put it on its own scripts.
      expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(policies[i]);
    }
    expect(policies[0]).not.toBe(policies[1]);
  });
});

describe('middleware: which paths need what', () => {
  const anonymous = (path: string) => middleware(new NextRequest(`http://localhost${path}`));
  const passed = (res: Response) => res.headers.get('x-middleware-next') === '1';
  const redirectedTo = (res: Response) => {
    const location = res.headers.get('location');
    return location && new URL(location).pathname + new URL(location).search;
  };

  it.each(['/login', '/api/auth/session', '/api/auth/csrf', '/api/health', '/api/inngest'])(
    'lets anyone open %s',
    async (path) => {
      expect(passed(await anonymous(path))).toBe(true);
    },
  );

  // Each public pattern holds exactly its path, from the start.
  it.each(['/login/x', '/x/login', '/x/api/auth/session', '/x/api/health', '/x/api/inngest'])(
    'sends an anonymous visit of %s to sign in',
    async (path) => {
      expect(redirectedTo(await anonymous(path))).toBe(
        `/login?callbackUrl=${encodeURIComponent(path)}`,
      );
    },
  );

  it.each(['/api/healthz', '/api/inngest/x', '/api/patients/search'])(
    'answers an anonymous %s with 401 JSON',
    async (path) => {
      const res = await anonymous(path);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Please sign in' });
    },
  );

  it('answers a server action body Next could not decode with a 400, not its 500', async () => {
    const post = (body: string) =>
      new NextRequest('http://localhost/login', {
        method: 'POST',
        headers: { 'next-action': 'abc123' },
        body,
      });
    const refused = await middleware(post('["$Q1"]'));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'Malformed server action body' });
    expect((await middleware(post('["x"]'))).headers.get('x-middleware-next')).toBe('1');
  });

  it('takes only a POST with a Next-Action header for a server action', async () => {
    const get = new NextRequest('http://localhost/patients', { headers: { 'next-action': 'a' } });
    expect(redirectedTo(await middleware(get))).toBe(
      `/login?callbackUrl=${encodeURIComponent('/patients')}`,
    );
  });

  it('keeps the query in the way back, and names none for the home page', async () => {
    expect(redirectedTo(await anonymous('/patients?q=ada'))).toBe(
      `/login?callbackUrl=${encodeURIComponent('/patients?q=ada')}`,
    );
    expect(redirectedTo(await anonymous('/'))).toBe('/login');
  });

  it('reads the __Secure- session cookie of an https site', async () => {
    const name = `__Secure-${COOKIE}`;
    const token = await encode({ token: live(), secret: authSecret(), salt: name });
    const res = await middleware(
      new NextRequest('https://localhost/patients', { headers: { cookie: `${name}=${token}` } }),
    );
    expect(passed(res)).toBe(true);
  });

  it('lets a user without a clinic open only the chooser and the control plane', async () => {
    const none = { ...live(), activeClinicId: null };
    for (const path of ['/select-clinic', '/admin', '/admin/users']) {
      expect(passed(await middleware(await requestWith(path, none)))).toBe(true);
    }
    for (const path of ['/select-clinic/x', '/x/select-clinic', '/administrator', '/x/admin']) {
      expect(redirectedTo(await middleware(await requestWith(path, none)))).toBe('/select-clinic');
    }
    const api = await middleware(await requestWith('/api/patients/search', none));
    expect(await api.json()).toEqual({ error: 'Choose a clinic first' });
    // Global mode has no clinic by design.
    const global = { ...none, globalMode: true };
    expect(passed(await middleware(await requestWith('/patients', global)))).toBe(true);
  });

  it('drops every client-sent clinic header, and only those', async () => {
    const res = await middleware(
      await requestWith('/patients', live(), {
        'x-active-clinic': 'c2',
        'x-tenant-id': 'c2',
        'accept-x-clinic': 'kept',
      }),
    );
    expect(res.headers.get('x-middleware-request-x-active-clinic')).toBeNull();
    expect(res.headers.get('x-middleware-request-x-tenant-id')).toBeNull();
    expect(res.headers.get('x-middleware-request-accept-x-clinic')).toBe('kept');
  });

  it('runs for every path but static assets, in the Node runtime', () => {
    // Next matches the pattern against the whole path.
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    expect(['/', '/patients', '/api/health', '/login'].every((p) => matcher.test(p))).toBe(true);
    const assets = ['/_next/static/app.js', '/_next/image', '/favicon.ico', '/robots.txt'];
    expect(assets.some((p) => matcher.test(p))).toBe(false);
    expect(config.runtime).toBe('nodejs');
  });
});

describe('middleware in development', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('allows eval in development only', async () => {
    vi.stubEnv('NODE_ENV', 'development');
    vi.resetModules();
    const { default: devMiddleware } = await import('@/middleware');
    const res = await devMiddleware(new NextRequest('http://localhost/login'));
    expect(res.headers.get('content-security-policy')).toContain("'unsafe-eval'");
  });
});

/**
 * Issue 10 §4: a token whose session has not passed its MFA code step is sent to /login/verify
 * from every page (with where it was going), APIs answer 401, and the code step opens without a
 * clinic. Routing only: the guards check the session's database row (lib/auth/context.ts).
 */
const pending = () => ({ ...live(), mfaPending: true });

describe('middleware, MFA code step', () => {
  it('sends every page to the code step, keeping where it was going', async () => {
    for (const path of ['/patients?q=a', '/account', '/admin', '/select-clinic']) {
      const res = await middleware(await requestWith(path, pending()));
      const to = new URL(res.headers.get('location') ?? '');
      expect(to.pathname, path).toBe('/login/verify');
      expect(to.searchParams.get('callbackUrl'), path).toBe(path);
    }
  });

  it('answers APIs with 401 and opens the code step, even without a clinic', async () => {
    const api = await middleware(await requestWith('/api/patients/search', pending()));
    expect(api.status).toBe(401);
    const step = await middleware(
      await requestWith('/login/verify', { ...pending(), activeClinicId: null }),
    );
    expect(step.headers.get('x-middleware-next')).toBe('1');
  });

  it('lets a server action answer for itself, keeps no way back to the home page, tells APIs why', async () => {
    const posted = await requestWith('/patients/new', pending(), { 'next-action': 'abc123' });
    const action = await middleware(new NextRequest(posted, { method: 'POST', body: '[]' }));
    expect(action.headers.get('x-middleware-next')).toBe('1');
    const home = new URL(
      (await middleware(await requestWith('/', pending()))).headers.get('location') ?? '',
    );
    expect([home.pathname, home.search]).toEqual(['/login/verify', '']);
    const api = await middleware(await requestWith('/api/patients/search', pending()));
    expect(await api.json()).toEqual({ error: 'Enter your sign-in code first' });
  });

  it('lets a session that passed go where it asked', async () => {
    const res = await middleware(
      await requestWith('/patients', { ...pending(), mfaPending: false }),
    );
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });
});
