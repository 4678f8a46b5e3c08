import { expect, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { clickHydrated } from './helpers';

/** The current TOTP code for a key as the account page shows it (grouped by fours). */
export function totpFor(manualKey: string, epochMs = Date.now()): string {
  return generateSync({ secret: manualKey.replace(/\s/g, ''), epoch: Math.floor(epochMs / 1000) });
}

/**
 * On /account: starts MFA set-up, reads the key the page shows, confirms with the code computed
 * from it, and returns the key and the recovery codes shown once.
 */
export async function enrolInMfa(page: Page): Promise<{ key: string; recoveryCodes: string[] }> {
  await clickHydrated(page.getByRole('button', { name: 'Set up two-step sign-in' }));
  const key = (await page.getByTestId('mfa-manual-key').textContent()) ?? '';
  expect(key).toMatch(/[A-Z2-7]{4}/);
  await page.getByLabel('Code from the app').fill(totpFor(key));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const list = page.getByTestId('recovery-codes');
  await expect(list.getByRole('listitem')).toHaveCount(10);
  const recoveryCodes = await list.getByRole('listitem').allTextContents();
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByText(/On since/)).toBeVisible();
  return { key, recoveryCodes };
}
