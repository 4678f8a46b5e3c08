import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, signedInAs } from './helpers';

/**
 * Booking with the pickers, as the front desk does it: find the patient by MRN, choose a doctor,
 * pick a day and a time in clinic time, book, and find it in the list at that time. Northside is
 * in America/New_York; the browser runs in UTC, so a wrong conversion would show.
 */
test.use({ ...signedInAs('reception'), timezoneId: 'UTC' });

// A day well past the seeded schedule (two weeks ahead), different on every run, so that a
// reused database (reuseExistingServer) never has the slot taken already.
function freeDay(): string {
  const days = 60 + (Math.floor(Date.now() / 60_000) % 3000);
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function choose(page: Page, label: string, text: string, option: RegExp): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

async function fillBooking(page: Page, day: string, time: string): Promise<void> {
  await choose(page, 'Patient', 'MRN-000001', /MRN-000001/);
  await expect(page.locator('.picker__single-value').first()).toContainText('· MRN-000001 ·');
  await choose(page, 'Practitioner', 'Patel', /Dr\. Priya Patel/);
  await page.getByLabel('Date').fill(day);
  await page.getByLabel('Start time').fill(time);
  await page.getByLabel('Duration').selectOption('30');
  await page.getByLabel('Reason').fill('E2E check-up');
}

test.describe('appointments', () => {
  test('books with the pickers and shows the booking in clinic time; a double booking is refused', async ({
    page,
  }) => {
    const day = freeDay();
    await page.goto('/appointments/new');
    await expect(page.getByRole('heading', { name: 'Book an appointment' })).toBeVisible();
    await expect(page.getByText('Clinic time (America/New_York)')).toBeVisible();
    await fillBooking(page, day, '09:00');
    await page.getByRole('button', { name: 'Book appointment' }).click();

    await expect(page.getByText(/^Booked for .* at 09:00\.$/)).toBeVisible();
    await expect(page).toHaveURL(
      (url) => url.pathname === '/appointments' && url.searchParams.get('from') === day,
    );
    const row = page
      .getByTestId('appointment-rows')
      .getByRole('row')
      .filter({ hasText: 'MRN-000001' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('09:00–09:30');
    await expect(row).toContainText('Dr. Priya Patel');
    await expect(row).toContainText('Scheduled');
    await expect(row).toContainText('E2E check-up');

    // The same practitioner at an overlapping time: the message sits next to the start time.
    await page.goto('/appointments/new');
    await fillBooking(page, day, '09:15');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    const startTime = page.getByLabel('Start time');
    await expect(startTime).toHaveAttribute('aria-invalid', 'true');
    await expect(
      page.getByText('This practitioner already has an appointment at that time.', {
        exact: false,
      }),
    ).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === '/appointments/new');
  });

  test('opens an appointment, and an unknown id is a clear not-found', async ({ page }) => {
    await page.goto('/appointments');
    const open = page
      .getByTestId('appointment-rows')
      .getByRole('link', { name: /^Open the appointment/ });
    await open.first().click();
    // The first visit compiles the page in dev mode: allow it more than the usual 10 s.
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();

    const missing = await page.goto('/appointments/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Appointment not found' })).toBeVisible();
    const malformed = await page.goto('/appointments/not-an-id');
    expect(malformed?.status()).toBe(404);
  });

  test('filters by status through the URL', async ({ page }) => {
    await page.goto('/appointments');
    await page.getByLabel('Status').selectOption('cancelled');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('status') === 'cancelled');
    await expect(page.getByRole('heading', { name: /· Cancelled ·/ })).toBeVisible({
      timeout: 30_000,
    });
    const statuses = await page
      .getByTestId('appointment-rows')
      .getByRole('row')
      .locator('td:nth-child(4)')
      .allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['Cancelled']));
  });

  test('axe: the list, the booking form and the dashboard have no serious violations', async ({
    page,
  }) => {
    test.slow(); // three pages, each rendered and scanned
    await page.goto('/appointments');
    await expect(page.getByRole('heading', { name: 'Appointments', exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto('/appointments/new');
    await expect(page.getByLabel('Practitioner', { exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto('/');
    await expect(page.getByRole('heading', { name: "Today's appointments" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
