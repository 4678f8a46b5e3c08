import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { ROLES, authFile, clickHydrated, hydrated, submitLogin } from './helpers';

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

/**
 * ops' recovery codes from e2e/auth.setup.ts. A spec that signs ops in through the form (to
 * change that session's mode without touching the stored one) passes the code step with one of
 * them: a TOTP code would be refused when another worker used the same 30-second step (replay).
 */
const OPS_RECOVERY_CODES = path.join(path.dirname(authFile('ops')), 'ops-recovery-codes.json');

export function keepOpsRecoveryCodes(codes: string[]): void {
  // e2e/.auth/ is git-ignored: a clean clone does not have it until this first write.
  fs.mkdirSync(path.dirname(OPS_RECOVERY_CODES), { recursive: true });
  fs.writeFileSync(OPS_RECOVERY_CODES, JSON.stringify(codes));
}

/** One unused code; a lock directory keeps two workers from taking the same one. */
function takeOpsRecoveryCode(): string {
  const lock = `${OPS_RECOVERY_CODES}.lock`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${lock} is held: remove it if no run is on`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
  try {
    const codes = JSON.parse(fs.readFileSync(OPS_RECOVERY_CODES, 'utf8')) as string[];
    const code = codes.shift();
    if (!code) throw new Error('ops has no recovery codes left (e2e/auth.setup.ts keeps 10)');
    fs.writeFileSync(OPS_RECOVERY_CODES, JSON.stringify(codes));
    return code;
  } finally {
    fs.rmdirSync(lock);
  }
}

/** The sign-in code step: enters `code` and continues. */
export async function enterCode(page: Page, code: string): Promise<void> {
  await hydrated(page.getByRole('button', { name: 'Continue' }));
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Signs ops in through the form, password then a recovery code, into a session of its own. */
export async function loginAsOps(page: Page): Promise<void> {
  await submitLogin(page, ROLES.ops);
  await page.waitForURL((url) => url.pathname === '/login/verify');
  await enterCode(page, takeOpsRecoveryCode());
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
