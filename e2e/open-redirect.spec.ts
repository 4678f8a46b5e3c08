/**
 * An outside scan found that `/login?callbackUrl=/%09/evil.example` led to http://evil.example/
 * after a valid sign-in in Chromium (the browser drops the tab and reads `//evil.example`).
 * Whatever callbackUrl the link carries, signing in stays on this site.
 */
import { expect, test } from '@playwright/test';
import { E2E_BASE_URL } from './constants';
import { ROLES, submitLogin } from './helpers';

const HOSTILE = [
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0d/evil.example',
  '//evil.example',
  '/%5Cevil.example',
  '%5C%5Cevil.example',
  '/.//evil.example',
  'https://evil.example/',
  'javascript:alert(document.domain)',
];

test.describe('signing in with a hostile callbackUrl', () => {
  for (const callbackUrl of HOSTILE) {
    test(`stays on this site: ${callbackUrl}`, async ({ page }) => {
      const offSite: string[] = [];
      // Nothing may even try to reach another host (the request is refused, never sent).
      await page.route(
        (url) => url.origin !== E2E_BASE_URL,
        (route) => {
          offSite.push(route.request().url());
          return route.abort();
        },
      );
      await page.goto(`/login?callbackUrl=${callbackUrl}`);
      await submitLogin(page, ROLES.reception);
      await page.waitForURL((url) => url.pathname !== '/login');
      expect(new URL(page.url()).origin).toBe(E2E_BASE_URL);
      expect(new URL(page.url()).pathname).toBe('/');
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      expect(offSite).toEqual([]);
    });
  }

  test('a path on this site is kept', async ({ page }) => {
    await page.goto('/login?callbackUrl=%2Fpatients%3Fsize%3D50');
    await submitLogin(page, ROLES.reception);
    await page.waitForURL((url) => url.pathname === '/patients');
    expect(new URL(page.url()).search).toBe('?size=50');
  });
});
