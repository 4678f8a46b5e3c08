import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { E2E_BASE_URL } from './constants';
import { enterGlobalMode, signedInAs, type Role } from './helpers';

/**
 * Dates, times and text that agree (issue 11 §6) and the dashboard chart (§8): the clinic's
 * 12/24-hour setting on the appointments list, range headings that keep both years, field errors
 * that look alike and clear once fixed, setting hints that state the limits the checks enforce.
 *
 * The 12-hour test changes Harbor's `time_format` (other specs read Northside's times) and puts
 * it back as it found it.
 */

function contextAs(browser: Browser, role: Role | null) {
  return browser.newContext({
    ...(role ? signedInAs(role) : { storageState: { cookies: [], origins: [] } }),
    baseURL: E2E_BASE_URL,
  });
}

/** The red message under a field, and how it looks. */
async function errorLook(error: Locator) {
  return error.evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, fontSize: s.fontSize, fontWeight: s.fontWeight };
  });
}

test.describe('a Harbor admin choosing 12-hour time', () => {
  test.use(signedInAs('harborAdmin'));

  function timeFormatCard(page: Page) {
    const card = page.getByTestId('setting-time_format');
    return {
      card,
      field: card.getByLabel('Time format', { exact: true }),
      save: card.getByRole('button', { name: 'Save Time format' }),
      reset: card.getByRole('button', { name: 'Reset Time format to default' }),
      source: card.getByTestId('setting-time_format-source'),
    };
  }

  test('sees the appointments list in 12-hour time, and 24-hour again after a reset', async ({
    page,
  }) => {
    test.slow();
    const rows = page.getByTestId('appointment-rows').getByRole('row');
    const firstTime = rows.first().locator('time');
    await page.goto('/appointments');
    await expect(firstTime).toHaveText(/^\d{2}:\d{2}$/);

    await page.goto('/settings');
    const s = timeFormatCard(page);
    // A choice, not free text.
    await expect(s.field).toHaveJSProperty('tagName', 'SELECT');
    await expect(s.field.locator('option')).toHaveText(['24-hour (14:30)', '12-hour (2:30 PM)']);
    try {
      await s.field.selectOption('12h');
      await s.save.click();
      await expect(s.source).toHaveText('This clinic');

      await page.goto('/appointments');
      await expect(firstTime).toHaveText(/^\d{1,2}:\d{2} (AM|PM)$/);
      await expect(rows.first()).toContainText(/–\d{1,2}:\d{2} (AM|PM)/);
    } finally {
      await page.goto('/settings');
      if ((await s.reset.count()) > 0) {
        await s.reset.click();
        await expect(s.source).toHaveText('System default');
      }
    }
    await page.goto('/appointments');
    await expect(firstTime).toHaveText(/^\d{2}:\d{2}$/);
  });
});

test.describe('the front desk', () => {
  test.use(signedInAs('reception'));

  test('reads a range heading with both years when they differ', async ({ page }) => {
    await page.goto('/appointments?from=2025-01-01&to=2027-12-31');
    await expect(page.locator('#appointments-heading')).toContainText(
      'Wed 1 Jan 2025 – Fri 31 Dec 2027',
    );
    await page.goto('/appointments?from=2026-01-05&to=2026-01-09');
    await expect(page.locator('#appointments-heading')).toContainText('Mon 5 Jan – Fri 9 Jan 2026');
  });

  test('sees "Choose a patient" go once a patient is chosen', async ({ page }) => {
    await page.goto('/appointments/new');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const patient = page.getByLabel('Patient', { exact: true });
    const error = page.locator('#book-patient-error');
    await expect(error).toBeVisible();
    await expect(patient).toHaveAttribute('aria-invalid', 'true');

    await patient.fill('MRN-000001');
    await page
      .getByRole('option', { name: /MRN-000001/ })
      .first()
      .click();
    await expect(error).toHaveCount(0);
    await expect(patient).not.toHaveAttribute('aria-invalid', 'true');
    // The other fields' errors stay until they are fixed.
    await expect(page.locator('#book-practitioner-error')).toBeVisible();
  });
});

test.describe('field errors', () => {
  test('look the same on the sign-in form as on the others, and clear when edited', async ({
    browser,
  }) => {
    const anonymous = await contextAs(browser, null);
    const signIn = await anonymous.newPage();
    await signIn.goto('/login');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    const emailError = signIn.locator('#email-error');
    await expect(emailError).toBeVisible();
    await expect(signIn.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    const signInLook = await errorLook(emailError);
    await signIn.getByLabel('Email').fill('someone@example.test');
    await expect(emailError).toHaveCount(0);
    await anonymous.close();

    const staff = await contextAs(browser, 'reception');
    const booking = await staff.newPage();
    await booking.goto('/appointments/new');
    await booking.getByRole('button', { name: 'Book appointment' }).click();
    const bookingError = booking.locator('#book-patient-error');
    await expect(bookingError).toBeVisible();
    expect(await errorLook(bookingError)).toEqual(signInLook);
    await staff.close();
  });
});

test.describe('setting hints', () => {
  const KEY = 'export_retention_days';
  const HINT = 'A whole number of days, 1 to 3650.';

  test('on the clinic page state the limit the check enforces', async ({ browser }) => {
    const context = await contextAs(browser, 'harborAdmin');
    const page = await context.newPage();
    await page.goto('/settings');
    const card = page.getByTestId(`setting-${KEY}`);
    const field = card.getByLabel('Export retention (days)', { exact: true });
    await expect(card.getByText(HINT)).toBeVisible();
    await field.fill('99999');
    await card.getByRole('button', { name: 'Save Export retention (days)' }).click();
    await expect(card.getByText('At most 3650 days (10 years)')).toBeVisible();
    await expect(card.getByTestId(`setting-${KEY}-source`)).toHaveText('System default');
    // Fixing the value clears the message before any save.
    await field.fill('30');
    await expect(card.getByText('At most 3650 days (10 years)')).toHaveCount(0);
    await context.close();
  });

  test('on the control plane say the same, and 99999 is refused with it', async ({ browser }) => {
    const context = await contextAs(browser, 'ops');
    const page = await context.newPage();
    await enterGlobalMode(page);
    await page.goto('/admin/settings');
    const field = page.locator(`#setting-${KEY}-value`);
    await expect(page.locator(`#setting-${KEY}-value-hint`)).toHaveText(HINT);
    await field.fill('99999');
    await page.getByRole('button', { name: 'Save Export retention (days)' }).click();
    await expect(page.locator(`#setting-${KEY}-value-error`)).toHaveText(
      'At most 3650 days (10 years)',
    );
    await expect(page.locator('#setting-time_format-value')).toHaveJSProperty('tagName', 'SELECT');
    await context.close();
  });
});

test.describe('the dashboard chart', () => {
  test.use(signedInAs('northsideAdmin'));

  test('has axes, a labelled average line and the table alternative', async ({ page }) => {
    await page.goto('/');
    const plot = page.getByTestId('appointments-per-day-plot');
    await expect(plot).toHaveAttribute('aria-label', /a day on average/);
    const xTicks = plot.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
    const yTicks = plot.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
    await expect(xTicks).not.toHaveCount(0);
    await expect(yTicks).not.toHaveCount(0);
    // Every 7th day is labelled, ending on today.
    await expect(xTicks.last()).toHaveText(/^\d{1,2} [A-Z][a-z]{2}$/);
    // A horizontal line has no height, so Playwright never calls it visible: count it instead.
    await expect(plot.locator('.recharts-reference-line-line')).toHaveCount(1);
    await expect(plot.locator('text', { hasText: /^Average \d+(\.\d)?$/ })).toBeVisible();

    await page.getByText('Show as table').click();
    await expect(
      page.getByRole('table', { name: /Appointments per day/ }).getByRole('row'),
    ).toHaveCount(31);
    await plot.screenshot({ path: 'test-results/dashboard-chart.png' });
  });
});
