/**
 * Signs each demo role in once, by API, and stores the session for the specs
 * (e2e/.auth/<role>.json, gitignored). Sessions are JWTs: tests may switch clinics or sign out in
 * their own browser contexts without touching the stored files.
 *
 * ops is a system admin, and the e2e server runs in production, where operators must use
 * two-step sign-in (lib/auth/mfa/policy.ts): nothing relaxes that for tests. So ops signs in
 * through the form, is sent to /account, and enrols there with a code computed from the key the
 * page shows; that session has passed MFA and is the one stored.
 */
import { expect, test as setup } from '@playwright/test';
import { ROLES, authFile, signInViaApi, submitLogin, type Role } from './helpers';
import { enrolInMfa, keepOpsRecoveryCodes } from './mfa-helpers';

for (const [role, email] of Object.entries(ROLES) as [Role, string][]) {
  if (role === 'ops') {
    setup(`sign in as ${role} (${email}), enrolling in MFA`, async ({ page }) => {
      await submitLogin(page, email);
      await page.waitForURL((url) => url.pathname === '/account');
      const { recoveryCodes } = await enrolInMfa(page);
      keepOpsRecoveryCodes(recoveryCodes);
      await page.goto('/admin');
      await expect(page).toHaveURL(/\/admin/);
      await page.context().storageState({ path: authFile(role) });
    });
    continue;
  }
  setup(`sign in as ${role} (${email})`, async ({ request }) => {
    await signInViaApi(request, email);
    await request.storageState({ path: authFile(role) });
  });
}
