/**
 * What an outside scan answered with 500 or 200 (issue 9 §7), replayed against the real server:
 * each is now a clear 4xx (or a page with a message) and changes nothing.
 */
import { expect, test } from '@playwright/test';
import { E2E_BASE_URL } from './constants';
import { signedInAs } from './helpers';

const CONTROL_CHARACTERS = /control characters/;

test.describe('a receptionist', () => {
  test.use(signedInAs('reception'));

  test('gets a 400 for a NUL byte in a picker search', async ({ page }) => {
    for (const path of ['/api/patients/search?q=a%00', '/api/staff/search?q=a%00']) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(400);
      expect(((await res.json()) as { error: string }).error, path).toMatch(CONTROL_CHARACTERS);
    }
  });

  test('sees the patient list with a message for a NUL byte in its search', async ({ page }) => {
    const res = await page.goto('/patients?q=a%00');
    expect(res?.status()).toBe(200);
    const message = page.getByRole('alert').filter({ hasText: 'The search text was not applied.' });
    await expect(message).toContainText(CONTROL_CHARACTERS);
    await expect(page.getByTestId('patient-total')).toHaveText(/of \d+ patients/);
  });

  test('is refused /admin with a 403 and the control-plane panel', async ({ page }) => {
    for (const path of ['/admin', '/admin/users']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(403);
      await expect(
        page.getByRole('heading', { name: 'Control plane needs a system admin in global mode' }),
      ).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Control plane' })).toHaveCount(0);
    }
  });
});

test.describe('next-auth with a malformed callback URL', () => {
  for (const path of ['/api/auth/signin', '/api/auth/signout', '/api/auth/providers']) {
    test(`answers 400 on ${path}`, async ({ request }) => {
      const res = await request.get(`${path}?callbackUrl=http%3A%2F%2F%5B`, { maxRedirects: 0 });
      expect(res.status()).toBe(400);
    });
  }

  test('answers 400 to a malformed callback cookie, and clears it', async ({ request }) => {
    const res = await request.get('/api/auth/providers', {
      headers: { cookie: 'authjs.callback-url=http%3A%2F%2F%5B' },
    });
    expect(res.status()).toBe(400);
    expect(res.headers()['set-cookie']).toMatch(/^authjs\.callback-url=; Path=\/; Max-Age=0/);
  });
});

test('/api/inngest says that jobs run in-process here', async ({ request }) => {
  for (const method of ['GET', 'POST', 'PUT'] as const) {
    const res = await request.fetch('/api/inngest', { method });
    expect(res.status(), method).toBe(404);
    expect(((await res.json()) as { mode: string }).mode).toBe('inline');
  }
});

test('a server action posted from another site is refused with 403', async ({ request }) => {
  const action = (origin: string) =>
    request.post('/login', {
      headers: { 'Next-Action': '0'.repeat(40), Origin: origin, 'Content-Type': 'text/plain' },
      data: '[]',
      maxRedirects: 0,
    });
  const foreign = await action('https://evil.example');
  expect(foreign.status()).toBe(403);
  expect(await foreign.json()).toEqual({ error: 'Cross-site request refused' });
  // From this site the same request reaches Next (an unknown action id), not the refusal.
  const own = await action(E2E_BASE_URL);
  expect(own.status()).not.toBe(403);
});

test('a server action body Next cannot decode gets a 4xx, never its 500', async ({ request }) => {
  const action = (data: string | Buffer, headers: Record<string, string> = {}) =>
    request.post('/login', {
      headers: {
        'Next-Action': '0'.repeat(42),
        Origin: E2E_BASE_URL,
        'Content-Type': 'text/plain;charset=UTF-8',
        ...headers,
      },
      data,
      maxRedirects: 0,
    });
  // Each of these was a 500 from Next's decoder before middleware checked the body.
  for (const body of ['[', '{"a":', '["$Q1"]', '$K1', '"\\u0000"', '["$nabc"]']) {
    const res = await action(body);
    expect(res.status(), body).toBe(400);
    expect(await res.json(), body).toEqual({ error: 'Malformed server action body' });
  }
  expect((await action(Buffer.alloc(1024 * 1024 + 10, 'a'))).status()).toBe(413);
  const form = await request.post('/login', {
    headers: { Origin: E2E_BASE_URL },
    multipart: { $ACTION_ID_zz: '' },
    maxRedirects: 0,
  });
  expect(form.status()).toBe(400);
  // A well-formed body reaches Next, which answers an unknown action id with its 404.
  expect((await action('[]')).status()).toBe(404);
});
