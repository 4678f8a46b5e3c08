/**
 * CVE-2025-29927: before Next 15.2.3 a client could skip middleware by sending
 * `x-middleware-subrequest`. The app must not rely on that gate alone (every page re-derives the
 * session and clinic from the database), and the clinic must never come from a request header.
 */
import { expect, test, type APIResponse } from '@playwright/test';
import {
  CLINICS,
  MIDDLEWARE_SUBREQUEST,
  chooseClinic,
  clinicIds,
  recentPatients,
  signedInAs,
} from './helpers';

/** The header values known to have skipped middleware in some Next version and layout. */
const SUBREQUEST_VALUES = [
  MIDDLEWARE_SUBREQUEST,
  'middleware',
  'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
  'pages/_middleware',
];
const PROTECTED_PAGES = ['/', '/exports', '/select-clinic', '/admin'];
/** What only a signed-in page would contain. */
const PAGE_CONTENT = [
  CLINICS.northside,
  CLINICS.harbor,
  'Recently added patients',
  'Exports and reports',
  'Sign out',
];

function expectRefused(res: APIResponse, body: string): void {
  const status = res.status();
  if (status >= 300 && status < 400) {
    const location = new URL(res.headers()['location'] ?? '', 'http://x');
    expect(location.pathname).toBe('/login');
  } else {
    expect([401, 403]).toContain(status);
  }
  for (const text of PAGE_CONTENT) expect(body).not.toContain(text);
}

test.describe('an anonymous request with x-middleware-subrequest', () => {
  for (const path of PROTECTED_PAGES) {
    test(`is refused ${path}`, async ({ request }) => {
      for (const value of SUBREQUEST_VALUES) {
        const res = await request.get(path, {
          headers: { 'x-middleware-subrequest': value },
          maxRedirects: 0,
        });
        expectRefused(res, await res.text());
      }
    });
  }

  test('is refused a server-rendered page even as an RSC request', async ({ request }) => {
    const res = await request.get('/exports', {
      headers: { 'x-middleware-subrequest': MIDDLEWARE_SUBREQUEST, RSC: '1' },
      maxRedirects: 0,
    });
    expectRefused(res, await res.text());
  });

  test('ends on the sign-in form in a browser', async ({ page }) => {
    await page.setExtraHTTPHeaders({ 'x-middleware-subrequest': MIDDLEWARE_SUBREQUEST });
    await page.goto('/exports');
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});

test.describe('a signed-in receptionist with x-middleware-subrequest', () => {
  test.use(signedInAs('reception'));

  test('is still refused a page of a missing permission', async ({ page }) => {
    await page.setExtraHTTPHeaders({ 'x-middleware-subrequest': MIDDLEWARE_SUBREQUEST });
    const response = await page.goto('/exports');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
  });
});

test.describe('a forged clinic header', () => {
  test.describe('from a Northside-only user', () => {
    test.use(signedInAs('reception'));

    test('changes nothing', async ({ page, browser }) => {
      const harborId = (await clinicIds(browser))[CLINICS.harbor];
      expect(harborId).toMatch(/^[0-9a-f-]{36}$/);

      await page.goto('/');
      await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
      const honest = await recentPatients(page);
      const count = await page.getByTestId('patient-count').textContent();

      await page.setExtraHTTPHeaders({
        'x-clinic-id': harborId!,
        'x-active-clinic-id': harborId!,
        'x-tenant-id': harborId!,
      });
      await page.goto(`/?clinicId=${harborId}`);
      await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
      await expect(page.getByTestId('patient-count')).toHaveText(count ?? '');
      expect(await recentPatients(page)).toEqual(honest);
      await expect(page.getByText(CLINICS.harbor)).toHaveCount(0);
      for (const p of honest) expect(p.mrn).not.toMatch(/^HP-/);

      const exports = await page.goto('/exports');
      expect(exports?.status()).toBe(403);
    });
  });

  test.describe('from a user of both clinics', () => {
    test.use(signedInAs('drNguyen'));

    test('does not switch the clinic either', async ({ page, browser }) => {
      const harborId = (await clinicIds(browser))[CLINICS.harbor];
      await chooseClinic(page, CLINICS.northside);
      const honest = await recentPatients(page);

      await page.setExtraHTTPHeaders({ 'x-clinic-id': harborId!, 'x-tenant-id': harborId! });
      await page.reload();
      await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
      expect(await recentPatients(page)).toEqual(honest);
    });
  });
});
