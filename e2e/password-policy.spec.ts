/**
 * The password policy in the browser: the create-user form fetches zxcvbn's dictionaries as a
 * chunk of their own (allowed by the nonce CSP, which trusts scripts its scripts load), refuses a
 * guessable password with zxcvbn's reason before anything is sent, and accepts a strong one.
 */
import { expect, test } from '@playwright/test';
import { enterGlobalMode, hydrated, signedInAs } from './helpers';

test.use(signedInAs('ops'));

test('the create-user form checks the password with the lazily loaded dictionaries', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await enterGlobalMode(page);
  await page.goto('/admin/users');

  const email = `new.${Date.now()}@demo.test`;
  const password = page.getByLabel('Initial password');
  await hydrated(page.getByRole('button', { name: 'Create user' }));
  await page.getByLabel('Full name').fill('Nia Newhire');
  await page.getByLabel('Email').fill(email);
  await password.fill('Password1234');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText(/This password is too easy to guess\. .+/)).toBeVisible();

  await password.fill('copper lantern meadow 47');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText(`User ${email} created.`, { exact: false })).toBeVisible();
  expect(errors).toEqual([]);
});
