/**
 * Password reset and the account page in Chromium, with the real SMTP capture: a reset link
 * e-mailed, followed and used (every old session is then gone), changing the password, and
 * signing out other sessions from a second browser. Each test makes its own user (through the
 * control plane, as an operator would), so no demo login's password ever changes.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { linkIn, waitForMail } from './mailbox';
import {
  authFile,
  clickHydrated,
  enterGlobalMode,
  hydrated,
  loginAs,
  SIGN_IN_FAILED,
  submitLogin,
} from './helpers';

const FIRST_PASSWORD = 'copper lantern meadow 47';
const SECOND_PASSWORD = 'violet harbour kettle 93';
const THIRD_PASSWORD = 'amber orchard tram 58';
const RESET_ANSWER = /If an account exists for that address, we have sent it a link/;

/** A new staff user with no clinic yet, made by ops in the control plane. */
async function createUser(browser: Browser, label: string): Promise<string> {
  const email = `${label}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@account.e2e.test`;
  const context = await browser.newContext({ storageState: authFile('ops') });
  const page = await context.newPage();
  await enterGlobalMode(page);
  await page.goto('/admin/users');
  await hydrated(page.getByRole('button', { name: 'Create user' }));
  await page.getByLabel('Full name').fill('Ada Account');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Initial password').fill(FIRST_PASSWORD);
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText(`User ${email} created.`, { exact: false })).toBeVisible();
  await context.close();
  return email;
}

/** A fresh browser signed in as `email`, on the account page. */
async function signedInBrowser(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, email, password);
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  return page;
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto('/account');
  await expect(page).toHaveURL((url) => url.pathname === '/login');
}

test('forgot password: the mailed link sets a new password and ends every old session', async ({
  browser,
  page,
}) => {
  test.slow(); // an operator makes the user, then three sign-ins and a mail on two busy cores
  const email = await createUser(browser, 'reset');
  const before = await signedInBrowser(browser, email, FIRST_PASSWORD);

  const since = Date.now();
  await page.goto('/login');
  await clickHydrated(page.getByRole('link', { name: 'Forgot password?' }));
  await expect(page).toHaveURL((url) => url.pathname === '/forgot-password');
  await hydrated(page.getByRole('button', { name: 'Send me a link' }));
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('status')).toHaveText(RESET_ANSWER);

  const mail = await waitForMail(email, { since });
  expect(mail.subject).toBe('Reset your password');
  const link = linkIn(mail, '/reset-password/');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await hydrated(page.getByRole('button', { name: 'Set new password' }));
  await page.getByLabel('New password').fill('password1234');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText(/This password is too easy to guess/)).toBeVisible();
  await page.getByLabel('New password').fill(SECOND_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status')).toContainText('Your password is changed');

  await clickHydrated(page.getByRole('link', { name: 'Sign in with your new password' }));
  await submitLogin(page, email, FIRST_PASSWORD);
  // The form's own alert: Next's route announcer is an (empty) alert too.
  await expect(page.locator('form').getByRole('alert')).toHaveText(SIGN_IN_FAILED);
  await loginAs(page, email, SECOND_PASSWORD);

  // The session from before the reset is gone, and the link works only once.
  await expectSignedOut(before);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toBeVisible();
});

test('forgot password answers the same for an unknown address, and sends nothing', async ({
  page,
}) => {
  const nobody = `nobody.${Date.now()}@account.e2e.test`;
  await page.goto('/forgot-password');
  await hydrated(page.getByRole('button', { name: 'Send me a link' }));
  await page.getByLabel('Email').fill(nobody);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page.getByRole('status')).toHaveText(RESET_ANSWER);
  await expect(waitForMail(nobody, { timeout: 2_000 })).rejects.toThrow();
});

test('the account page: sign out other sessions, then change the password', async ({ browser }) => {
  test.slow(); // an operator makes the user, then four sign-ins in two browsers on two busy cores
  const email = await createUser(browser, 'change');
  const first = await signedInBrowser(browser, email, FIRST_PASSWORD);
  let second = await signedInBrowser(browser, email, FIRST_PASSWORD);

  await first.reload();
  const sessions = first.getByRole('list', { name: 'Your sessions' }).getByRole('listitem');
  await expect(sessions).toHaveCount(2);
  await expect(sessions.first()).toContainText('This session');
  await expect(sessions.first()).toContainText(/Chrome \d+ on Windows/); // the Desktop Chrome device
  await clickHydrated(first.getByRole('button', { name: 'Sign out other sessions' }));
  await expect(first.getByText('1 session signed out.')).toBeVisible();
  await expect(sessions).toHaveCount(1);
  await expectSignedOut(second);

  second = await signedInBrowser(browser, email, FIRST_PASSWORD);
  await first.reload();
  await hydrated(first.getByRole('button', { name: 'Change password' }));
  await first.getByLabel('Current password').fill('not my password');
  await first.getByLabel('New password').fill(THIRD_PASSWORD);
  await first.getByRole('button', { name: 'Change password' }).click();
  await expect(first.getByText('This is not your current password.')).toBeVisible();

  await first.getByLabel('Current password').fill(FIRST_PASSWORD);
  await first.getByRole('button', { name: 'Change password' }).click();
  await expect(first.getByText('Password changed. 1 other session was signed out.')).toBeVisible();
  await expectSignedOut(second);
  await first.goto('/account');
  await expect(first.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await loginAs(second, email, THIRD_PASSWORD);
});

test.describe('at 390 px wide', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the account page and the reset request fit, and Account is in the header menu', async ({
    browser,
    page,
  }) => {
    const fits = (p: Page) =>
      p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await page.goto('/forgot-password');
    await expect(page.getByRole('button', { name: 'Send me a link' })).toBeVisible();
    expect(await fits(page)).toBe(true);

    const email = await createUser(browser, 'narrow');
    await loginAs(page, email, FIRST_PASSWORD);
    // At this width the header's links are in its menu.
    await clickHydrated(page.getByRole('banner').getByRole('button', { name: 'Menu' }));
    await clickHydrated(page.getByRole('link', { name: 'Account' }));
    await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Change password' })).toBeVisible();
    expect(await fits(page)).toBe(true);
  });
});
