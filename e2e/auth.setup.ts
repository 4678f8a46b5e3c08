/**
 * Signs each demo role in once, by API, and stores the session for the specs
 * (e2e/.auth/<role>.json, gitignored). Sessions are JWTs: tests may switch clinics or sign out in
 * their own browser contexts without touching the stored files.
 */
import { test as setup } from '@playwright/test';
import { ROLES, authFile, signInViaApi, type Role } from './helpers';

for (const [role, email] of Object.entries(ROLES) as [Role, string][]) {
  setup(`sign in as ${role} (${email})`, async ({ request }) => {
    await signInViaApi(request, email);
    await request.storageState({ path: authFile(role) });
  });
}
