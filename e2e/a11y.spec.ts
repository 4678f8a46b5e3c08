import { expect, test } from '@playwright/test';
import { CLINICS, expectNoSeriousA11yViolations, signedInAs } from './helpers';

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

  test('the invitation page (an unknown link)', async ({ page }) => {
    await page.goto(`/invite/${'A'.repeat(43)}`);
    await expect(page.getByTestId('invitation-state')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test.describe('signed in', () => {
    test.use(signedInAs('reception'));

    test('the clinic home page', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
      await expectNoSeriousA11yViolations(page);
    });
  });
});
