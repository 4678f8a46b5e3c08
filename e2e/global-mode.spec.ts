import { expect, test, type Page } from '@playwright/test';
import { clickHydrated, signedInAs } from './helpers';

const banner = (page: Page) => page.getByRole('status').filter({ hasText: 'Global mode' });

/** The stored ops session is in global mode from sign-in; these tests start outside it. */
async function leaveGlobalMode(page: Page): Promise<void> {
  await page.goto('/admin');
  await clickHydrated(page.getByRole('button', { name: 'Leave global mode' }));
  await expect(page).toHaveURL((url) => url.pathname === '/select-clinic');
  await expect(banner(page)).toHaveCount(0);
}

test.describe('a system admin without clinics', () => {
  test.use(signedInAs('ops'));

  // Issue 11 §3: an operator of no clinic lands on the control plane, not on an empty chooser.
  test('lands on the control plane from sign-in, leaves global mode and enters it again', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL((url) => url.pathname === '/admin');
    await expect(banner(page)).toContainText('No clinic is active');
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Control plane' }),
    ).toBeVisible();

    await leaveGlobalMode(page);
    await expect(page.getByText(/system admin without clinic memberships/)).toBeVisible();
    await expect(page.getByRole('button', { name: /^Choose|Northside|Harbor/ })).toHaveCount(0);

    await clickHydrated(page.getByRole('button', { name: 'Enter global mode' }));
    await expect(page).toHaveURL((url) => url.pathname === '/admin');
    await expect(banner(page)).toBeVisible();

    // Clinic pages are out of reach in global mode: they lead back to the control plane.
    await page.goto('/');
    await expect(page).toHaveURL((url) => url.pathname === '/admin');
    await expect(banner(page)).toBeVisible();
  });

  test('is refused /admin with a 403 outside global mode, and offered the way in', async ({
    page,
  }) => {
    await leaveGlobalMode(page);
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('navigation', { name: 'Control plane' })).toHaveCount(0);
    const panel = page.getByRole('region', {
      name: 'Control plane needs a system admin in global mode',
    });
    await clickHydrated(panel.getByRole('button', { name: 'Enter global mode' }));
    await expect(page.getByRole('navigation', { name: 'Control plane' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Control plane', level: 1 })).toBeVisible();
    await clickHydrated(page.getByRole('button', { name: 'Leave global mode' }));
    await expect(page).toHaveURL((url) => url.pathname === '/select-clinic');
  });

  test("enters global mode from the header on /admin's 403 page", async ({ page }) => {
    await leaveGlobalMode(page);
    expect((await page.goto('/admin'))?.status()).toBe(403);
    await clickHydrated(
      page.getByRole('banner').getByRole('button', { name: 'Enter global mode' }),
    );
    await expect(page.getByRole('navigation', { name: 'Control plane' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Control plane', level: 1 })).toBeVisible();
    await clickHydrated(page.getByRole('button', { name: 'Leave global mode' }));
    await expect(page).toHaveURL((url) => url.pathname === '/select-clinic');
  });
});

test.describe('a clinic admin', () => {
  test.use(signedInAs('northsideAdmin'));

  test('is denied the control plane with a 403', async ({ page }) => {
    const response = await page.goto('/admin');
    expect(response?.status()).toBe(403);
    await expect(
      page.getByRole('heading', { name: 'Control plane needs a system admin in global mode' }),
    ).toBeVisible();
    await expect(page.getByText('Your account does not have that role.')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Control plane' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Enter global mode' })).toHaveCount(0);
    await expect(banner(page)).toHaveCount(0);
  });
});
