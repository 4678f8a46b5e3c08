/**
 * No page of the app logs a browser console error or throws in the page: a hydration mismatch
 * (React #418), a failed script, a CSP violation or an uncaught error all fail here. Each page is
 * opened by a full load (server HTML, then hydration) and again by a client-side navigation.
 */
import { expect, test, type Page } from '@playwright/test';
import { enterGlobalMode, signedInAs, type Role } from './helpers';
import { ADMIN_PAGES } from './pages';

/** Console errors and uncaught page errors from now on, as readable lines. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error')
      errors.push(`${page.url()}: console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`${page.url()}: page error: ${err.message}`));
  return errors;
}

/** Opens `path`, waits until the page is idle and hydrated, and returns its status. */
async function open(page: Page, path: string): Promise<number | undefined> {
  const res = await page.goto(path);
  await page.waitForLoadState('networkidle');
  return res?.status();
}

/** The first link on a list page to a record, e.g. `/patients/<uuid>`. */
async function firstRecord(page: Page, section: string): Promise<string> {
  await open(page, section);
  const href = await page
    .locator(`main a[href^="${section}/"]:not([href$="/new"])`)
    .first()
    .getAttribute('href');
  expect(href, `a record link on ${section}`).toBeTruthy();
  return href!;
}

const CLINIC_PAGES = [
  '/',
  '/patients',
  '/patients?q=garcia&size=50',
  '/patients/new',
  '/appointments',
  '/appointments/new',
  '/exports',
  '/members',
  '/audit',
  '/audit?size=100',
  '/settings',
  '/select-clinic',
];

const PAGES_BY_ROLE: [Role, string[]][] = [
  ['northsideAdmin', CLINIC_PAGES],
  ['reception', ['/', '/patients', '/appointments', '/appointments/new']],
];

test.describe('no console errors', () => {
  test('on the sign-in page, before and after a failed sign-in', async ({ page }) => {
    const errors = collectErrors(page);
    await open(page, '/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your email')).toBeVisible();
    expect(errors).toEqual([]);
  });

  test.describe('ops in global mode', () => {
    test.use(signedInAs('ops'));

    test('on every control-plane page', async ({ page }) => {
      const errors = collectErrors(page);
      await enterGlobalMode(page);
      for (const path of ADMIN_PAGES) expect(await open(page, path), path).toBe(200);
      expect(errors).toEqual([]);
    });
  });

  for (const [role, paths] of PAGES_BY_ROLE) {
    test.describe(role, () => {
      test.use(signedInAs(role));

      test('on every page, by full load', async ({ page }) => {
        test.slow();
        const errors = collectErrors(page);
        for (const path of paths) {
          const status = await open(page, path);
          expect(status, path).toBeLessThan(400);
        }
        if (paths.includes('/patients')) await open(page, await firstRecord(page, '/patients'));
        if (paths.includes('/appointments'))
          await open(page, await firstRecord(page, '/appointments'));
        expect(errors).toEqual([]);
      });

      test('on every page, by client-side navigation', async ({ page }) => {
        const errors = collectErrors(page);
        await open(page, paths[0]!);
        const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
        const labels = await nav.allTextContents();
        for (const label of labels) {
          await nav.filter({ hasText: label }).first().click();
          await page.waitForLoadState('networkidle');
        }
        expect(errors).toEqual([]);
      });
    });
  }
});
