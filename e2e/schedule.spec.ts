import { expect, test, type Locator, type Page } from '@playwright/test';
import { clickHydrated, hydrated, signedInAs } from './helpers';

/**
 * Issue 11 §2 and §3: the calendar (week view, a free slot books pre-filled, drag to reschedule
 * and a refused drop), the booking rules in the form, booking from a patient record, "Book again"
 * after a cancel and the cancel dialog's words. Northside is in America/New_York and works
 * Mon-Fri 08:00-12:00, 13:00-17:00 (its seeded setting); the browser runs in UTC.
 */
test.use({ ...signedInAs('reception'), timezoneId: 'UTC' });

/**
 * A Wednesday years past the seeded schedule, different on every run (appointments.spec.ts uses
 * nearer days), so a reused database never has its slots taken.
 */
function freeWednesday(offsetWeeks = 0): string {
  const weeks = 400 + (Math.floor(Date.now() / 60_000) % 2000) + offsetWeeks;
  const base = new Date(Date.UTC(2027, 0, 6)); // a Wednesday
  return new Date(base.getTime() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

async function choose(page: Page, label: string, text: string, option: RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

/** The centre of the day view's column for `practitioner`, at `time` (the slot just below it). */
async function slotPoint(page: Page, practitioner: string, time: string) {
  const header = page.locator('.rbc-time-header .rbc-header').filter({ hasText: practitioner });
  const label = page.locator('.rbc-time-gutter .rbc-label', { hasText: new RegExp(`^${time}$`) });
  // The time grid scrolls inside the calendar: bring the row into view before measuring.
  await label.scrollIntoViewIfNeeded();
  const h = await header.boundingBox();
  const l = await label.boundingBox();
  if (!h || !l) throw new Error(`no column for ${practitioner} or no ${time} row`);
  return { x: h.x + h.width / 2, y: l.y + 6 };
}

/** Drags `event` onto the practitioner's column at `time`, both scrolled into view first. */
async function dragTo(page: Page, event: Locator, practitioner: string, time: string) {
  await event.scrollIntoViewIfNeeded();
  const target = await slotPoint(page, practitioner, time);
  const box = await event.boundingBox();
  if (!box) throw new Error('event not visible');
  await page.mouse.move(box.x + box.width / 2, box.y + 4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 4 });
  await page.mouse.move(target.x, target.y + 4, { steps: 12 });
  await page.mouse.up();
}

const calendarEvent = (page: Page, text: RegExp | string) =>
  page.getByTestId('calendar').locator('.rbc-event').filter({ hasText: text });

test.describe('the schedule', () => {
  test('week view: practitioners’ appointments, closed hours greyed; screenshot', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/appointments/calendar');
    const calendar = page.getByTestId('calendar');
    await expect(calendar.locator('.rbc-time-view')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Week', exact: true })).toHaveClass(/rbc-active/);
    // Seven day columns, today's seeded appointments, and greyed closed slots.
    await expect(calendar.locator('.rbc-time-header .rbc-header')).toHaveCount(7);
    await expect(calendar.locator('.rbc-event').first()).toBeVisible();
    await expect(calendar.locator('.rbc-closed-slot').first()).toBeAttached();
    await page.screenshot({ path: 'test-results/calendar-week.png' });
  });

  test('a free slot books pre-filled; drag moves it; a drop in closed hours is refused and put back', async ({
    page,
  }) => {
    test.slow();
    const day = freeWednesday();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(`/appointments/calendar?view=day&date=${day}`);
    await hydrated(page.getByRole('button', { name: 'Day', exact: true }));
    await expect(page.getByRole('button', { name: 'Day', exact: true })).toHaveClass(/rbc-active/);

    // One column per practitioner, none for the front desk.
    const headers = page.locator('.rbc-time-header .rbc-header');
    await expect(headers.filter({ hasText: 'Dr. Priya Patel' })).toBeVisible();
    await expect(headers.filter({ hasText: 'Sam Rivera' })).toHaveCount(0);

    const slot = await slotPoint(page, 'Dr. Priya Patel', '10:00');
    await page.mouse.click(slot.x, slot.y);
    await page.waitForURL((url) => url.pathname === '/appointments/new');
    const url = new URL(page.url());
    expect(url.searchParams.get('date')).toBe(day);
    expect(url.searchParams.get('start')).toBe('10:00');
    await expect(page.locator('.picker__single-value')).toContainText('Dr. Priya Patel');
    await expect(page.getByLabel('Date')).toHaveValue(day);
    await expect(page.getByLabel('Start time')).toHaveValue('10:00');
    await expect(page.getByLabel('Duration')).toHaveValue('15');
    await choose(page, 'Patient', 'MRN-000002', /MRN-000002/);
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(page.getByText(/^Booked for .* at 10:00\.$/)).toBeVisible();

    await page.goto(`/appointments/calendar?view=day&date=${day}`);
    const booked = calendarEvent(page, /MRN|Dr\. Priya Patel/).first();
    await expect(booked).toContainText('10:00–10:15');
    await hydrated(page.getByRole('button', { name: 'Day', exact: true }));

    await dragTo(page, booked, 'Dr. Priya Patel', '11:00');
    await expect(page.getByText(/^Moved to .* at 11:00\.$/)).toBeVisible();
    await expect(calendarEvent(page, '11:00–11:15')).toBeVisible();

    // Before opening: refused with the reason, and back where it was.
    await dragTo(page, calendarEvent(page, '11:00–11:15'), 'Dr. Priya Patel', '07:00');
    await expect(page.getByText(/outside the clinic's working hours/)).toBeVisible();
    await expect(calendarEvent(page, '11:00–11:15')).toBeVisible();
    await page.reload();
    await expect(calendarEvent(page, '11:00–11:15')).toBeVisible();

    // Keyboard: the event is a button; Enter opens the appointment.
    await calendarEvent(page, '11:00–11:15').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
  });

  test('the form offers practitioners only, refuses the past and closed hours unless confirmed, and suggests free slots', async ({
    page,
  }) => {
    const day = freeWednesday(1);
    await page.goto('/appointments/new');
    const picker = page.getByLabel('Practitioner', { exact: true });
    await picker.click();
    const options = page.locator('.picker__menu').getByRole('option');
    await expect(options.first()).toBeVisible();
    const labels = await options.allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/(Doctor|Nurse)$/);
    expect(labels.join()).not.toMatch(/Sam Rivera|Avery Brooks/);
    await page.keyboard.press('Escape');

    await choose(page, 'Patient', 'MRN-000003', /MRN-000003/);
    await choose(page, 'Practitioner', 'Patel', /Dr\. Priya Patel/);
    // Suggestions: buttons that fill the date and time.
    const suggestions = page.getByRole('list', { name: 'Next free slots' }).getByRole('button');
    await expect(suggestions.first()).toBeVisible();
    await expect(suggestions).toHaveCount(6);

    await page.getByLabel('Date').fill('2020-01-01');
    await page.getByLabel('Start time').fill('09:00');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(page.getByText('This time has already passed.', { exact: false })).toBeVisible();

    await page.getByLabel('Date').fill(day);
    await page.getByLabel('Start time').fill('18:30');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(page.getByText(/outside the clinic's working hours/)).toBeVisible();
    await expect(page.getByLabel('Start time')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Book outside working hours').check();
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(page.getByText(/^Booked for .* at 18:30\.$/)).toBeVisible();
    await page
      .getByTestId('appointment-rows')
      .getByRole('link', { name: /^Open the appointment/ })
      .first()
      .click();
    await expect(page.getByText('Outside working hours', { exact: true })).toBeVisible();

    // A suggestion fills the form.
    await page.goto('/appointments/new');
    await choose(page, 'Practitioner', 'Patel', /Dr\. Priya Patel/);
    const first = page.getByRole('list', { name: 'Next free slots' }).getByRole('button').first();
    await expect(first).toBeVisible();
    const [, time] = /(\d\d:\d\d)$/.exec((await first.textContent()) ?? '') ?? [];
    await first.click();
    await expect(page.getByLabel('Start time')).toHaveValue(time!);
  });

  test('by keyboard alone: a practitioner’s Book link in the day view, then a free slot', async ({
    page,
  }) => {
    const day = freeWednesday(2);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/appointments/calendar?view=day&date=${day}`);
    const book = page.getByRole('link', { name: /^Book with Dr\. Priya Patel on / });
    await hydrated(book);
    // Reached with Tab from the page's start, as a keyboard user would.
    await page.locator('body').focus();
    for (let i = 0; i < 60 && !(await book.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(book).toBeFocused();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/appointments/new');
    await expect(page.locator('.picker__single-value')).toContainText('Dr. Priya Patel');
    await expect(page.getByLabel('Date')).toHaveValue(day);

    const first = page.getByRole('list', { name: 'Next free slots' }).getByRole('button').first();
    await expect(first).toBeVisible();
    const [, time] = /(\d\d:\d\d)$/.exec((await first.textContent()) ?? '') ?? [];
    await first.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Start time')).toHaveValue(time!);
    await expect(page.getByLabel('Date')).toHaveValue(day);
  });

  test('a patient record books for that patient and links its appointments; screenshot', async ({
    page,
  }) => {
    await page.goto('/patients');
    const first = page.locator('table a[href^="/patients/"]').first();
    await first.click();
    await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
    const mrn = (await page.getByTestId('patient-mrn').textContent())!.trim();
    const book = page.getByRole('link', { name: 'Book appointment' });
    await expect(book).toBeVisible();
    await page.screenshot({ path: 'test-results/patient-book-appointment.png' });

    const rows = page.getByTestId('past-appointment').or(page.getByTestId('upcoming-appointment'));
    if ((await rows.count()) > 0) {
      await rows.first().getByRole('link').click();
      await page.waitForURL(/\/appointments\/[0-9a-f-]{36}$/);
      await expect(page.getByText(mrn).first()).toBeVisible();
      await page.goBack();
    }
    await book.click();
    await page.waitForURL((url) => url.pathname === '/appointments/new');
    await expect(page.locator('.picker__single-value').first()).toContainText(mrn);
  });

  test('cancelling asks with clear buttons and offers "Book again" with the same people', async ({
    page,
  }) => {
    const day = freeWednesday(2);
    await page.goto(`/appointments/new`);
    await choose(page, 'Patient', 'MRN-000004', /MRN-000004/);
    await choose(page, 'Practitioner', 'Patel', /Dr\. Priya Patel/);
    await page.getByLabel('Date').fill(day);
    await page.getByLabel('Start time').fill('14:00');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await expect(page.getByText(/^Booked for .* at 14:00\.$/)).toBeVisible();
    await page
      .getByTestId('appointment-rows')
      .getByRole('link', { name: /^Open the appointment/ })
      .first()
      .click();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}$/);

    await clickHydrated(page.getByRole('button', { name: 'Cancel appointment' }));
    const dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await expect(dialog.getByRole('button', { name: 'Keep appointment' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel appointment' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Keep appointment' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Scheduled', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    const again = page.getByRole('link', { name: 'Book again' });
    await expect(again).toBeVisible();
    await again.click();
    await page.waitForURL((url) => url.pathname === '/appointments/new');
    const chosen = page.locator('.picker__single-value');
    await expect(chosen.first()).toContainText('MRN-000004');
    await expect(chosen.nth(1)).toContainText('Dr. Priya Patel');
  });

  test('on a phone the calendar opens on the day and fits the screen', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/appointments/calendar');
    await expect(page).toHaveURL((url) => url.searchParams.get('view') === 'day');
    await expect(page.getByRole('button', { name: 'Day', exact: true })).toHaveClass(/rbc-active/);
    // The calendar itself (the header is another section's work) stays within the viewport.
    const box = await page.getByTestId('calendar').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    for (const name of ['Today', 'Previous', 'Next', 'Day', 'Week']) {
      const b = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect(b!.x + b!.width, name).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: 'test-results/calendar-phone.png', fullPage: false });
  });
});
