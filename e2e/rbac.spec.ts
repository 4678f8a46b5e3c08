import { expect, test } from '@playwright/test';
import { CLINICS, chooseClinic, signedInAs } from './helpers';

test.describe('a receptionist', () => {
  test.use(signedInAs('reception'));

  test('is not offered Exports in the navigation', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Exports' })).toHaveCount(0);
  });

  test('is refused /exports when visiting it directly', async ({ page }) => {
    const response = await page.goto('/exports');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
    await expect(page.getByText('No exports yet.')).toHaveCount(0);
    await expect(page.getByText(/Exports and reports of/)).toHaveCount(0);
  });
});

test.describe('a doctor', () => {
  test.use(signedInAs('drNguyen'));

  test('sees the Exports link and the page', async ({ page }) => {
    await chooseClinic(page, CLINICS.northside);
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', {
      name: 'Exports',
    });
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL((url) => url.pathname === '/exports');
    await expect(page.getByRole('heading', { name: 'Exports', level: 1 })).toBeVisible();
    await expect(page.getByText(`Exports and reports of ${CLINICS.northside}.`)).toBeVisible();

    const response = await page.goto('/exports');
    expect(response?.status()).toBe(200);
  });
});
