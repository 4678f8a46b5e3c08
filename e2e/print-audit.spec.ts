import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, hydrated, signedInAs } from './helpers';

/**
 * Issue 11 §5 and §7: "Print summary" downloads the PDF at once (named by MRN and date) and is
 * audited; the Exports page starts every kind, and a double click makes one export; the audit log
 * names its entities (a patient by MRN, linking to the record), keeps ids in a details view, counts
 * with the right plural, and reads at phone width and with the keyboard.
 */
test.describe.configure({ mode: 'serial' });

const MRN = 'MRN-000004';

async function openPatient(page: Page, mrn: string): Promise<string> {
  await page.goto(`/patients?q=${encodeURIComponent(mrn)}`);
  await page.getByTestId('patient-row').filter({ hasText: mrn }).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('patient-mrn')).toHaveText(mrn);
  return new URL(page.url()).pathname;
}

test.describe('a clinic admin', () => {
  test.use(signedInAs('northsideAdmin'));

  test('prints a summary from the record: a PDF named by MRN and date, audited', async ({
    page,
  }) => {
    const recordPath = await openPatient(page, MRN);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Print summary (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^${MRN}_summary_\\d{4}-\\d{2}-\\d{2}\\.pdf$`),
    );
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The audit log shows it: the patient by MRN, linking to the record.
    await page.goto('/audit?action=file.download');
    const event = page.getByTestId('audit-event').first();
    await expect(event).toContainText('file.download');
    await expect(event).toContainText('Avery Brooks');
    await expect(event).toContainText('admin@northside.test');
    const link = event.getByTestId('audit-entity-link');
    await expect(link).toHaveText(MRN);
    await expect(link).toHaveAttribute('href', recordPath);
    // No request id on the row itself: it sits in the details view.
    const details = event.getByTestId('audit-details');
    await expect(details.getByText('Request id')).toBeHidden();
    await details.locator('summary').click();
    await expect(details.getByText('Request id')).toBeVisible();

    // "1 event", "2 events": the count agrees with its noun.
    const range = await page.getByTestId('audit-range').textContent();
    const m = /of ([\d,]+\+?) (events?)\b/.exec(range ?? '');
    expect(m, range ?? '').not.toBeNull();
    expect(m![2]).toBe(m![1] === '1' ? 'event' : 'events');
    await link.click();
    await expect(page).toHaveURL((url) => url.pathname === recordPath);
  });

  test('the audit log reads at 390 px and with the keyboard', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/audit');
    const event = page.getByTestId('audit-event').first();
    await expect(event).toBeVisible();
    // The list itself fits: nothing scrolls sideways and no event runs past the screen's edge
    // (the header's own phone layout is another item of the issue).
    const list = page.getByTestId('audit-events');
    expect(
      await list.evaluate(
        (el) =>
          el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth,
      ),
    ).toBe(true);
    // Stacked: each value carries its label on a phone.
    await expect(event.getByText('Actor', { exact: true })).toBeVisible();
    const summary = event.getByTestId('audit-details').locator('summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(event.getByTestId('audit-details')).toHaveAttribute('open', '');
    await expectNoSeriousA11yViolations(page);
  });

  test('a double click on an export makes one export', async ({ page }) => {
    const q = `dbl${Date.now()}`;
    await page.goto('/exports');
    const form = page.getByTestId('start-patients-csv');
    const start = form.getByRole('button', { name: 'Export patients' });
    await hydrated(start);
    await form.getByLabel('Name or MRN (optional)').fill(q);
    await start.dblclick();
    await expect(form.getByRole('status')).toContainText(/Export started|Already being prepared/);
    const rows = page.getByTestId('export-row').filter({ hasText: q });
    await expect(rows.first()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await page.reload();
    await expect(page.getByTestId('export-row').filter({ hasText: q })).toHaveCount(1);
  });

  test('starts the appointments CSV and the monthly report from the Exports page', async ({
    page,
  }) => {
    await page.goto('/exports');
    await expectNoSeriousA11yViolations(page);
    const appointments = page.getByTestId('start-appointments-csv');
    await hydrated(appointments.getByRole('button', { name: 'Export appointments' }));
    await appointments.getByLabel('From').fill('2026-01-01');
    await appointments.getByLabel('To').fill('2026-01-31');
    await appointments.getByRole('button', { name: 'Export appointments' }).click();
    await expect(appointments.getByRole('status')).toContainText(/Export started|Already/);
    await expect(
      page.getByTestId('export-row').filter({ hasText: '2026-01-01 – 2026-01-31' }).first(),
    ).toBeVisible();

    const report = page.getByTestId('start-monthly-report');
    await report.getByLabel('Month').fill('2026-02');
    await report.getByRole('button', { name: 'Make report' }).click();
    await expect(report.getByRole('status')).toContainText(/Export started|Already/);
    const row = page.getByTestId('export-row').filter({ hasText: 'Period 2026-02' }).first();
    await expect(row).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  });
});

test.describe('a receptionist', () => {
  test.use(signedInAs('reception'));

  test('sees no Print summary, and the route refuses with 403', async ({ page }) => {
    const recordPath = await openPatient(page, MRN);
    await expect(page.getByRole('link', { name: 'Print summary (PDF)' })).toHaveCount(0);
    const id = recordPath.split('/').pop()!;
    const res = await page.request.get(`/file/patient-summary/${id}`);
    expect(res.status()).toBe(403);
    expect(res.headers()['content-disposition']).toBeUndefined();
  });
});
