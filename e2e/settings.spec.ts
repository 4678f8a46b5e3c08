import { expect, test, type Page } from '@playwright/test';
import { CLINICS, expectNoSeriousA11yViolations, signedInAs } from './helpers';

/**
 * Clinic settings, members and the audit log. The setting changed here is Northside's export
 * retention: other specs run at the same time against the same seeded database and read the
 * clinic name (the display name would replace it) and MRN prefixes, but none reads retention.
 * The test puts the setting back as it found it.
 */
const KEY = 'export_retention_days';
const LABEL = 'Export retention (days)';

function settingCard(page: Page) {
  const card = page.getByTestId(`setting-${KEY}`);
  return {
    card,
    source: card.getByTestId(`setting-${KEY}-source`),
    field: card.getByLabel(LABEL, { exact: true }),
    save: card.getByRole('button', { name: `Save ${LABEL}` }),
    reset: card.getByRole('button', { name: `Reset ${LABEL} to default` }),
    shownDefault: card.getByTestId(`setting-${KEY}-default`),
  };
}

test.describe('a clinic admin', () => {
  test.use(signedInAs('northsideAdmin'));

  test('overrides a setting, sees it come from "This clinic", and resets it', async ({ page }) => {
    // Several server round trips (save, reload, the audit log, reset): more than the default budget.
    test.slow();
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    const s = settingCard(page);
    await expect(s.source).toHaveText('System default');
    await expect(s.field).toHaveValue('90');
    await expect(s.reset).toHaveCount(0);

    try {
      // An invalid value: the error shows next to the field and nothing is saved.
      await s.field.fill('0');
      await s.save.click();
      await expect(s.card.getByText('Keep exports at least 1 day')).toBeVisible();
      await expect(s.field).toHaveAttribute('aria-invalid', 'true');
      await expect(s.source).toHaveText('System default');

      await s.field.fill('45');
      await s.save.click();
      await expect(s.source).toHaveText('This clinic');
      await expect(s.shownDefault).toHaveText('System default: 90');
      await expect(page.getByText(`“${LABEL}” saved.`)).toBeVisible();

      // It is stored, not just shown.
      await page.reload();
      await expect(s.source).toHaveText('This clinic');
      await expect(s.field).toHaveValue('45');

      // And audited: the audit log, filtered through its URL state, shows the change.
      await page.goto('/audit');
      await page.getByLabel('Action', { exact: true }).selectOption('setting.update');
      await expect(page).toHaveURL(/[?&]action=setting\.update/);
      const first = page.getByTestId('audit-event').first();
      await expect(first).toContainText('setting.update');
      await expect(first).toContainText(KEY);
      await expect(first).toContainText('Avery Brooks');

      await page.goto('/settings');
      await s.reset.click();
      await expect(s.source).toHaveText('System default');
      await expect(s.field).toHaveValue('90');
      await expect(s.shownDefault).toHaveCount(0);
    } finally {
      // Leave the shared database as it was, whatever failed above.
      await page.goto('/settings');
      if ((await s.reset.count()) > 0) {
        await s.reset.click();
        await expect(s.source).toHaveText('System default');
      }
    }
  });

  test('sees the members of their clinic only', async ({ page }) => {
    await page.goto('/members');
    const rows = page.getByTestId('members').getByRole('row');
    await expect(rows.filter({ hasText: 'admin@northside.test' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'reception@northside.test' })).toContainText(
      'Receptionist',
    );
    // Harbor's staff are not Northside's.
    await expect(rows.filter({ hasText: 'admin@harbor.test' })).toHaveCount(0);
    // Clinic admins run their own team now (e2e/team.spec.ts).
    await expect(page.getByRole('heading', { name: 'Invite someone' })).toBeVisible();
  });

  test('the settings, members and audit pages have no serious accessibility problems', async ({
    page,
  }) => {
    test.slow(); // three pages, each rendered and scanned
    for (const path of ['/settings', '/members', '/audit']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
  });
});

test.describe('a receptionist', () => {
  test.use(signedInAs('reception'));

  test('is offered none of settings, members or the audit log in the navigation', async ({
    page,
  }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
    for (const name of ['Settings', 'Audit log', 'Members']) {
      await expect(nav.getByRole('link', { name })).toHaveCount(0);
    }
  });

  for (const path of ['/settings', '/audit', '/members']) {
    test(`is refused ${path} with a 403 page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
      await expect(page.getByText('System default')).toHaveCount(0);
      await expect(page.getByText(CLINICS.harbor)).toHaveCount(0);
      await expect(page.getByTestId('audit-events')).toHaveCount(0);
      await expect(page.getByTestId('members')).toHaveCount(0);
    });
  }
});
