import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_BASE_URL } from './constants';
import { CLINICS, chooseClinic, hydrated, signedInAs, type Role } from './helpers';

/**
 * Exports as a doctor uses them: ask for the (filtered) patient list from the list page, watch it
 * finish on /exports without reloading, and download it through the gated route. Other people
 * never get that file: a receptionist (no exports.download) and another clinic's admin get the
 * same 404 as for a missing file, and an anonymous request is sent to sign in.
 *
 * The server runs jobs in-process (JOBS_DRIVER=inline, playwright.config.ts).
 */
test.describe.configure({ mode: 'serial' });

const HEADER =
  'MRN,Family name,Given name,Date of birth,Sex,Phone,Email,Address,City,Postal code,Registered';

/** The download URL the doctor's export produced (the later tests try it as others). */
let downloadPath = '';

async function contextAs(browser: Browser, role: Role | null) {
  return browser.newContext({
    ...(role ? signedInAs(role) : {}),
    baseURL: E2E_BASE_URL,
  });
}

/** Counts full page loads after this point: live updates must not need one. */
function countNavigations(page: Page): () => number {
  let n = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) n += 1;
  });
  return () => n;
}

test.describe('patient list CSV', () => {
  test.use(signedInAs('drNguyen'));

  test('a doctor exports the filtered list, watches it finish and downloads it', async ({
    page,
  }) => {
    await chooseClinic(page, CLINICS.northside);
    await page.goto('/patients?sex=female');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: /Export started|Already being prepared/ }),
    ).toBeVisible();

    let polls = 0;
    page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/exports') polls += 1;
    });
    await page.getByTestId('open-exports').click();
    await expect(page).toHaveURL((url) => url.pathname === '/exports');
    const navigations = countNavigations(page);
    const row = page.getByTestId('export-row').first();
    await expect(row).toContainText('Patient list (CSV)');
    await expect(row).toContainText('All patients · Female');
    await expect(row).toContainText('Dr. Linh Nguyen');
    const statusOnArrival = await row.getAttribute('data-status');
    test
      .info()
      .annotations.push({ type: 'status on arrival', description: String(statusOnArrival) });
    // Done without a reload: the page polls while the export is queued or running.
    await expect(row).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    expect(navigations()).toBe(0);
    if (statusOnArrival !== 'done') expect(polls).toBeGreaterThan(0);

    const link = row.getByTestId('export-download');
    downloadPath = (await link.getAttribute('href')) ?? '';
    expect(downloadPath).toMatch(/^\/file\/download\/[0-9a-f-]{36}$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^patients-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(HEADER);
    expect(lines.length).toBeGreaterThan(1);
    // Every row is a Northside patient (MRN prefix) and female, as the list filter said.
    for (const line of lines.slice(1, 50)) {
      expect(line).toMatch(/^[A-Z]+-\d+,/);
      expect(line).toContain(',Female,');
    }
    const rowCount = await row.getByRole('cell').nth(4).textContent();
    expect(Number(rowCount)).toBe(lines.length - 1);
  });

  test('the download answers with attachment, no-store and nosniff', async ({ page }) => {
    test.skip(!downloadPath, 'needs the export of the previous test');
    await chooseClinic(page, CLINICS.northside);
    const res = await page.request.get(downloadPath);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toMatch(
      /^attachment; filename="patients-[\d-]+\.csv"; filename\*=UTF-8''patients-[\d-]+\.csv$/,
    );
    expect(res.headers()['cache-control']).toBe('no-store');
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
  });
});

test.describe('who else can get the file', () => {
  test.beforeEach(() => {
    test.skip(!downloadPath, 'needs the doctor’s export');
  });

  test('a receptionist sees no export buttons and gets a 404 on the download URL', async ({
    browser,
  }) => {
    const context = await contextAs(browser, 'reception');
    const page = await context.newPage();
    await page.goto('/patients');
    await expect(page.getByRole('heading', { name: 'Patients' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
    await page.goto('/appointments');
    await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);

    const res = await page.request.get(downloadPath);
    expect(res.status()).toBe(404);
    expect(await res.json()).toEqual({ error: 'File not found' });
    expect(res.headers()['content-disposition']).toBeUndefined();
    await context.close();
  });

  test('another clinic’s admin gets the same 404', async ({ browser }) => {
    const context = await contextAs(browser, 'harborAdmin');
    const res = await context.request.get(downloadPath);
    expect(res.status()).toBe(404);
    expect(await res.json()).toEqual({ error: 'File not found' });
    // Exactly what a made-up id gets.
    const missing = await context.request.get(
      '/file/download/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({ error: 'File not found' });
    await context.close();
  });

  test('an anonymous request is sent to sign in, never the file', async ({ browser }) => {
    const context = await contextAs(browser, null);
    const res = await context.request.get(downloadPath, { maxRedirects: 0 });
    expect([302, 303, 307, 401]).toContain(res.status());
    if (res.status() !== 401) expect(res.headers()['location']).toContain('/login');
    expect(res.headers()['content-disposition']).toBeUndefined();
    await context.close();
  });
});

test.describe('patient summary PDF', () => {
  test.use(signedInAs('drNguyen'));

  test('a doctor prepares a patient summary from the Exports page and downloads the PDF', async ({
    page,
  }) => {
    await chooseClinic(page, CLINICS.northside);
    await page.goto('/exports');
    const form = page.getByTestId('start-patient-summary');
    await hydrated(form.getByRole('button', { name: 'Prepare summary' }));
    await form.getByLabel('Patient', { exact: true }).fill('MRN-000002');
    await page
      .getByRole('option', { name: /MRN-000002/ })
      .first()
      .click();
    await form.getByRole('button', { name: 'Prepare summary' }).click();
    await expect(form.getByRole('status')).toContainText(/Export started|Already being prepared/);
    const row = page.getByTestId('export-row').filter({ hasText: 'MRN-000002' }).first();
    await expect(row).toContainText('Patient summary (PDF)');
    await expect(row).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByTestId('export-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^patient-summary-[\d-]+\.pdf$/);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
