import { expect, test } from '@playwright/test';
import { CLINICS, expectNoSeriousA11yViolations, hydrated, signedInAs } from './helpers';

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
    await expectNoSeriousA11yViolations(page);
  });

  test.describe('signed in', () => {
    test.use(signedInAs('reception'));

    test('the account page', async ({ page }) => {
      await page.goto('/account');
      await hydrated(page.getByRole('button', { name: 'Change password' }));
      await expectNoSeriousA11yViolations(page);
    });

    test('the clinic home page', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
      await expectNoSeriousA11yViolations(page);
    });
  });
});
