/**
 * Support access (issue 10 §5), end to end: an operator opens read-only access to Northside from
 * the control plane, works under the banner (clinic, reason, time left), reads patients, is refused
 * a write, and is back in global mode once Northside's admin has ended it from /members; at its
 * deadline (moved into the past in the database, on Postgres runs) it ends the same way.
 *
 * The operator signs in through the form, in this test's own context, so the shared `ops` session
 * of the other specs never changes mode.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  clickHydrated,
  CLINICS,
  enterGlobalMode,
  expectNoSeriousA11yViolations,
  hydrated,
  ROLES,
  signedInAs,
} from './helpers';
import { E2E_BASE_URL } from './constants';
import { canMoveTheClock, expireSupportSessions } from '../test/e2e-clock';
import { loginAsOps } from './mfa-helpers';

const REASON = `Ticket ${Date.now()}: reception cannot see next week's slots`;
const supportBanner = (page: Page) => page.getByRole('region', { name: 'Support access' });
const globalBanner = (page: Page) => page.getByRole('status').filter({ hasText: 'Global mode' });

test('support access: banner, read-only, ended by the clinic admin, back in global mode', async ({
  page,
  browser,
}) => {
  test.slow();
  await loginAsOps(page);
  await enterGlobalMode(page);

  await page.getByRole('navigation', { name: 'Control plane' }).getByText('Support access').click();
  await expect(page.getByRole('heading', { name: 'Support access', level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const form = page.locator('form');
  await hydrated(page.getByLabel('Clinic'));
  await form.getByLabel('Clinic').selectOption({ label: CLINICS.northside });
  // No reason: refused at the field, nothing opened.
  await form.getByRole('button', { name: 'Open read-only support access' }).click();
  await expect(form.getByText(/Say in a sentence why you need access/)).toBeVisible();
  await form.getByLabel('Reason').fill(REASON);
  await form.getByRole('button', { name: 'Open read-only support access' }).click();

  // In Northside, under the banner.
  await expect(page).toHaveURL((url) => url.pathname === '/');
  const banner = supportBanner(page);
  await expect(banner).toContainText(`Read-only support access: ${CLINICS.northside}`);
  await expect(banner).toContainText(REASON);
  await expect(banner.getByTestId('support-time-left')).toHaveText(/^1[45]:\d\d$/);
  await expect(globalBanner(page)).toHaveCount(0);

  // Reads work; a write page is refused.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Patients' })
    .click();
  await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();
  await expect(page.getByTestId('patient-row').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'New patient' })).toHaveCount(0);
  expect((await page.goto('/patients/new'))?.status()).toBe(403);
  await page.goto('/patients');
  await expectNoSeriousA11yViolations(page);

  // At 390 px the banner wraps, and its button stays on screen.
  await page.setViewportSize({ width: 390, height: 844 });
  const end = banner.getByRole('button', { name: 'End support access' });
  await expect(end).toBeVisible();
  const box = await end.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  expect(await banner.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expect(banner).toContainText(REASON);

  // Northside's admin sees it on /members and ends it.
  const admin = await browser.newContext({
    ...signedInAs('northsideAdmin'),
    baseURL: E2E_BASE_URL,
  });
  try {
    const adminPage = await admin.newPage();
    await adminPage.goto('/members');
    const row = adminPage.getByTestId('support-sessions').getByRole('row').filter({
      hasText: REASON,
    });
    await expect(row).toContainText('Active');
    await expect(row).toContainText(ROLES.ops);
    await expectNoSeriousA11yViolations(adminPage);
    await clickHydrated(row.getByRole('button', { name: /End support access of/ }));
    await adminPage.getByRole('dialog').getByRole('button', { name: 'End access' }).click();
    // The lasting outcome, not the toast: a toast may come and go while two cores are busy.
    await expect(row).toContainText('Ended by a clinic admin');
  } finally {
    await admin.close();
  }

  // The operator's next request is back in global mode, not an error page.
  await page.goto('/patients');
  await expect(page).toHaveURL((url) => url.pathname === '/admin');
  await expect(globalBanner(page)).toBeVisible();
  await expect(supportBanner(page)).toHaveCount(0);
});

test('the operator ends support access from the banner', async ({ page }) => {
  test.slow();
  await loginAsOps(page);
  await enterGlobalMode(page);
  await page.goto('/admin/support');
  await hydrated(page.getByLabel('Clinic'));
  await page.getByLabel('Clinic').selectOption({ label: CLINICS.harbor });
  await page.getByLabel('Reason').fill(REASON);
  await page.getByLabel('I need write access').check();
  await page.getByLabel('Why read-only is not enough').fill('Repair a double-booked slot');
  await page.getByRole('button', { name: 'Open support access with write' }).click();
  const banner = supportBanner(page);
  await expect(banner).toContainText(`Support access with WRITE: ${CLINICS.harbor}`);
  await clickHydrated(banner.getByRole('button', { name: 'End support access' }));
  // The action, then a full load of the control plane: slow on a busy machine.
  await expect(page).toHaveURL((url) => url.pathname === '/admin', { timeout: 30_000 });
  await expect(globalBanner(page)).toBeVisible();
  await expect(supportBanner(page)).toHaveCount(0);
});

test('at its deadline support access ends: the next request is back in global mode', async ({
  page,
  browser,
}) => {
  test.skip(!canMoveTheClock(), 'moves the deadline in the e2e database: Postgres runs only');
  test.slow();
  const reason = `Ticket ${Date.now()}: check the exports page after the upgrade`;
  await loginAsOps(page);
  await enterGlobalMode(page);
  await page.goto('/admin/support');
  await hydrated(page.getByLabel('Clinic'));
  await page.getByLabel('Clinic').selectOption({ label: CLINICS.northside });
  await page.getByLabel('Reason').fill(reason);
  await page.getByRole('button', { name: 'Open read-only support access' }).click();
  // In Northside (the support page itself also names the session, before it is stored).
  await expect(page).toHaveURL((url) => url.pathname === '/');
  await expect(supportBanner(page)).toContainText(reason);

  // Fifteen minutes pass in a second: the deadline is moved into the past.
  expect(await expireSupportSessions(reason)).toBe(1);
  await page.goto('/patients');
  await expect(page).toHaveURL((url) => url.pathname === '/admin');
  await expect(globalBanner(page)).toBeVisible();
  await expect(supportBanner(page)).toHaveCount(0);

  // Northside's admin sees it as expired, with nothing left to end.
  const admin = await browser.newContext({
    ...signedInAs('northsideAdmin'),
    baseURL: E2E_BASE_URL,
  });
  try {
    const adminPage = await admin.newPage();
    await adminPage.goto('/members');
    const row = adminPage.getByTestId('support-sessions').getByRole('row').filter({
      hasText: reason,
    });
    await expect(row).toContainText('Expired');
    await expect(row.getByRole('button')).toHaveCount(0);
  } finally {
    await admin.close();
  }
});
