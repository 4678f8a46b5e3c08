import { expect, test } from '@playwright/test';
import {
  CLINICS,
  SIGN_IN_FAILED,
  lateAnswerCookies,
  loginAs,
  signOut,
  submitLogin,
} from './helpers';

test.describe('signing in and out', () => {
  test('the login page renders the form', async ({ page }) => {
    const response = await page.goto('/login');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/Sign in/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Email')).toBeFocused();
    await expect(page.getByLabel('Password')).toHaveAttribute('type', 'password');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  test('a wrong password shows the generic error and stays on /login', async ({ page }) => {
    // An account no other test uses: failures count towards its lockout.
    await submitLogin(page, 'dr.okafor@harbor.test', 'not-the-password');
    await expect(page.locator('form').getByRole('alert')).toHaveText(SIGN_IN_FAILED);
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  test('an unknown email shows the very same error', async ({ page }) => {
    await submitLogin(page, 'nobody@nowhere.test', 'whatever-password');
    await expect(page.locator('form').getByRole('alert')).toHaveText(SIGN_IN_FAILED);
    await expect(page).toHaveURL((url) => url.pathname === '/login');
  });

  test('empty fields are reported next to the fields', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Enter your email')).toBeVisible();
    await expect(page.getByText('Enter your password')).toBeVisible();
  });

  test('a one-clinic user lands on the home page of that clinic', async ({ page }) => {
    await loginAs(page, 'reception@northside.test');
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
    await expect(page.getByTestId('patient-count')).toHaveText(/^\d+$/);
  });

  test('signing out returns to /login and the app stays closed', async ({ page }) => {
    await loginAs(page, 'reception@northside.test');
    await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);

    await signOut(page);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

    await page.goto('/');
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    await page.goto('/exports');
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/exports');
  });

  test('a deep link survives the sign-in', async ({ page }) => {
    await page.goto('/exports');
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    await loginAs(page, 'admin@northside.test');
    await expect(page).toHaveURL((url) => url.pathname === '/exports');
    await expect(page.getByRole('heading', { name: 'Exports', level: 1 })).toBeVisible();
  });

  test('signing out is not undone by a response that was already on its way', async ({
    page,
    context,
    request,
  }) => {
    await loginAs(page, 'reception@northside.test');
    await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
    const before = await context.cookies();

    await signOut(page);
    await context.addCookies(await lateAnswerCookies(request, before, page.url()));

    await page.goto('/');
    await expect(page).toHaveURL((url) => url.pathname === '/login');

    // Even a copy of the old session cookie is refused: signing out ended it on the server.
    await context.addCookies(before);
    await page.goto('/patients');
    await expect(page).toHaveURL((url) => url.pathname === '/login');
  });
});
