import { expect, test } from '@playwright/test';
import {
  clickHydrated,
  CLINICS,
  enterGlobalMode,
  expectNoSeriousA11yViolations,
  hydrated,
  signedInAs,
} from './helpers';
import { loginAsOps } from './mfa-helpers';

/** axe finds no serious or critical WCAG 2.x A/AA violations. Later issues add their pages here. */
test.describe('accessibility (axe)', () => {
  test('the login page', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('the login page showing an error', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your email')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('the forgot-password page, and its answer', async ({ page }) => {
    await page.goto('/forgot-password');
    await hydrated(page.getByRole('button', { name: 'Send me a link' }));
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Email').fill(`a11y.${Date.now()}@account.e2e.test`);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByRole('status')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test('the page of a reset link that no longer works', async ({ page }) => {
    await page.goto(`/reset-password/${'x'.repeat(43)}`);
    await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  });

  test('the invitation page (an unknown link)', async ({ page }) => {
    await page.goto(`/invite/${'A'.repeat(43)}`);
    await expect(page.getByTestId('invitation-state')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test.describe('signed in', () => {
    test.use(signedInAs('reception'));

    test('the account page', async ({ page }) => {
      await page.goto('/account');
      await hydrated(page.getByRole('button', { name: 'Change password' }));
      await expectNoSeriousA11yViolations(page);
    });

    // Issue 11 §1: the phone layout, with the header's menu open (e2e/responsive.spec.ts).
    test('the phone layout with the menu open', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/patients');
      await clickHydrated(page.getByRole('banner').getByRole('button', { name: 'Menu' }));
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
    test('the quick search dialog, with results', async ({ page }) => {
      await page.goto('/');
      await clickHydrated(page.getByRole('button', { name: 'Find patient' }));
      const dialog = page.getByRole('dialog', { name: 'Find a patient' });
      await expect(dialog).toBeVisible();
      await page.keyboard.type('1');
      await expect(dialog.getByRole('option').first()).toContainText('MRN-000001');
      await expectNoSeriousA11yViolations(page);
    });

    test('the clinic home page', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
      await expectNoSeriousA11yViolations(page);
    });

    // Issue 11 §2: the calendar, in its week view and its day view (one column per practitioner).
    // Tall enough that the whole day fits without the grid's own scroll: axe cannot find the
    // background of text scrolled out of a scroll container, and reported white on the today
    // column's tint for the (blue) events there. Everything it checks is then on screen.
    test('the calendar', async ({ page }) => {
      // Two axe runs over a full day's grid: each takes seconds on a loaded 2-core machine.
      test.slow();
      await page.setViewportSize({ width: 1280, height: 2200 });
      await page.goto('/appointments/calendar?view=week');
      const grid = page.locator('.rbc-time-content');
      await expect(grid).toBeVisible();
      expect(await grid.evaluate((e) => e.scrollHeight <= e.clientHeight)).toBe(true);
      await expectNoSeriousA11yViolations(page);
      await page.goto('/appointments/calendar?view=day');
      await expect(page.getByRole('button', { name: 'Day', exact: true })).toHaveClass(
        /rbc-active/,
      );
      expect(await grid.evaluate((e) => e.scrollHeight <= e.clientHeight)).toBe(true);
      await expectNoSeriousA11yViolations(page);
    });

    // Issue 10 §4: the MFA part of /account (off, then set-up started). The code step and the
    // "on" state are checked in e2e/mfa.spec.ts, with a user made for it.
    test('the account page, two-step sign-in', async ({ page }) => {
      await page.goto('/account');
      await expect(page.getByRole('heading', { name: 'Two-step sign-in' })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await clickHydrated(page.getByRole('button', { name: 'Set up two-step sign-in' }));
      await expect(page.getByTestId('mfa-manual-key')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  });

  // Issue 11 §5 and §7: the Exports page's start forms, and the audit log with a details view open.
  test.describe('as a clinic admin', () => {
    test.use(signedInAs('northsideAdmin'));

    test('the exports page with its start forms', async ({ page }) => {
      await page.goto('/exports');
      await hydrated(page.getByRole('button', { name: 'Export patients' }));
      await expectNoSeriousA11yViolations(page);
    });

    test('the audit log with an event’s details open', async ({ page }) => {
      // At least one event of this clinic, whatever ran before: every print attempt is audited.
      expect((await page.request.get('/file/patient-summary/not-an-id')).status()).toBe(404);
      await page.goto('/audit');
      const details = page.getByTestId('audit-details').first();
      await details.locator('summary').click();
      await expect(details.getByText('Request id')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  });

  // Issue 10 §5. Signed in through the form: entering global mode must not touch the shared
  // `ops` session. The banner and the /members section are checked in e2e/support.spec.ts.
  test('the support access page (control plane)', async ({ page }) => {
    await loginAsOps(page);
    await enterGlobalMode(page);
    await page.goto('/admin/support');
    await expect(page.getByRole('heading', { name: 'Support access', level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
