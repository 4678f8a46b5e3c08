/**
 * Two-step sign-in in the browser, for a user made for this test (ops creates it): enrolment on
 * /account with a code computed from the key the page shows, signing out, signing in with the
 * password and then a code, and then with a recovery code (which works once).
 */
import { expect, test, type Page } from '@playwright/test';
import {
  enterGlobalMode,
  expectNoSeriousA11yViolations,
  hydrated,
  signedInAs,
  signOut,
  submitLogin,
} from './helpers';
import { E2E_BASE_URL } from './constants';
import { enrolInMfa, enterCode, totpFor } from './mfa-helpers';

const PASSWORD = 'copper lantern meadow 47';

async function createUser(page: Page, email: string): Promise<void> {
  await enterGlobalMode(page);
  await page.goto('/admin/users');
  await hydrated(page.getByRole('button', { name: 'Create user' }));
  await page.getByLabel('Full name').fill('Tess Totp');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Initial password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText(`User ${email} created.`, { exact: false })).toBeVisible();
}

test.describe('two-step sign-in', () => {
  test.use(signedInAs('ops'));

  test('enrol, then sign in with a code and with a recovery code', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const email = `mfa.${Date.now()}@demo.test`;
    await createUser(page, email);

    // A phone-sized window of its own: the new user's pages must work at 390 px.
    // Signed out: a new context would otherwise inherit ops's stored session.
    const context = await browser.newContext({
      storageState: { cookies: [], origins: [] },
      baseURL: E2E_BASE_URL,
      viewport: { width: 390, height: 844 },
    });
    const user = await context.newPage();
    await submitLogin(user, email, PASSWORD);
    await user.waitForURL((url) => url.pathname !== '/login');
    await user.goto('/account');
    await expectNoSeriousA11yViolations(user);
    const { key, recoveryCodes } = await enrolInMfa(user);
    await expectNoSeriousA11yViolations(user);
    await signOut(user);

    // Password, then the code step; nothing else opens before it passes.
    await submitLogin(user, email, PASSWORD);
    await user.waitForURL((url) => url.pathname === '/login/verify');
    await user.goto('/account');
    await expect(user).toHaveURL((url) => url.pathname === '/login/verify');
    await expectNoSeriousA11yViolations(user);
    await enterCode(user, '000000');
    await expect(user.getByText(/That code did not work/)).toBeVisible();
    // The enrolment used the current time step: the next one is a fresh code.
    await enterCode(user, totpFor(key, Date.now() + 30_000));
    await user.waitForURL((url) => url.pathname !== '/login/verify');
    await user.goto('/account');
    await expect(user.getByText(/On since/)).toBeVisible();
    await signOut(user);

    const recovery = recoveryCodes[0] ?? '';
    await submitLogin(user, email, PASSWORD);
    await user.waitForURL((url) => url.pathname === '/login/verify');
    await enterCode(user, recovery);
    await user.waitForURL((url) => url.pathname !== '/login/verify');
    await signOut(user);

    // The same recovery code a second time is refused.
    await submitLogin(user, email, PASSWORD);
    await user.waitForURL((url) => url.pathname === '/login/verify');
    await enterCode(user, recovery);
    await expect(user.getByText(/That code did not work/)).toBeVisible();
    await context.close();
  });
});
