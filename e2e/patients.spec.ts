import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_BASE_URL } from './constants';
import { expectNoSeriousA11yViolations, signedInAs } from './helpers';

/**
 * Patients, as the front desk works with them: onboarding (with the duplicate warning), the list
 * with its filters in the URL, and the 404 for another clinic's record. Runs as Northside's
 * receptionist.
 */
test.use(signedInAs('reception'));

interface SearchItem {
  id: string;
  label: string;
  mrn: string;
  dateOfBirth: string;
}

async function findByMrn(request: APIRequestContext, mrn: string): Promise<SearchItem> {
  const res = await request.get(
    `/api/patients/search?${new URLSearchParams({ q: mrn, limit: '1' })}`,
  );
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: SearchItem[] };
  expect(items[0]?.mrn).toBe(mrn);
  return items[0]!;
}

async function fillPatient(
  page: Page,
  p: { givenName: string; familyName: string; dateOfBirth: string },
): Promise<void> {
  await page.getByLabel('Given name').fill(p.givenName);
  await page.getByLabel('Family name').fill(p.familyName);
  await page.getByLabel('Date of birth').fill(p.dateOfBirth);
  await page.getByLabel('Sex').selectOption('female');
  await page.getByLabel('Phone').fill('(212) 555-0100');
}

test.describe('patients', () => {
  test('onboards a possible duplicate only after the warning, then finds it with the filter', async ({
    page,
  }) => {
    test.slow(); // onboarding, the filtered list, a reload, a record, back, and the picker
    // A seeded Northside patient: the new record repeats their name and date of birth.
    const seeded = await findByMrn(page.request, 'MRN-000001');
    const [familyName, givenName] = seeded.label.split(', ') as [string, string];

    await page.goto('/patients');
    await page.getByRole('link', { name: 'New patient' }).click();
    await expect(page.getByRole('heading', { name: 'New patient' })).toBeVisible();

    // Field errors sit next to their fields.
    await page.getByRole('button', { name: 'Create patient' }).click();
    await expect(page.getByText('Enter the given name')).toBeVisible();
    await expect(page.getByLabel('Given name')).toHaveAttribute('aria-invalid', 'true');

    await fillPatient(page, { givenName, familyName, dateOfBirth: seeded.dateOfBirth });
    await page.getByRole('button', { name: 'Create patient' }).click();

    const warning = page.getByTestId('duplicate-warning');
    await expect(warning).toBeVisible();
    await expect(warning.getByRole('heading')).toBeFocused();
    await expect(warning).toContainText('MRN-000001');
    await expect(warning).toContainText('Same name and date of birth');
    await expect(warning.getByRole('link', { name: /Open record/ }).first()).toHaveAttribute(
      'href',
      `/patients/${seeded.id}`,
    );
    await expectNoSeriousA11yViolations(page);

    await warning.getByRole('button', { name: 'Create anyway' }).click();
    await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('patient-name')).toHaveText(`${familyName}, ${givenName}`);
    const mrn = (await page.getByTestId('patient-mrn').textContent()) ?? '';
    expect(mrn).toMatch(/^MRN-\d{6}$/);
    expect(mrn).not.toBe('MRN-000001');
    const newId = new URL(page.url()).pathname.split('/').pop();

    // The list, filtered by name: both records, the new one with its own MRN.
    await page.goto('/patients');
    await page.getByLabel('Find a patient').fill(`${familyName} ${givenName}`);
    await expect(page).toHaveURL(
      (url) => url.searchParams.get('q') === `${familyName} ${givenName}`,
    );
    const rows = page.getByTestId('patient-row');
    await expect(rows.filter({ hasText: mrn })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'MRN-000001' })).toHaveCount(1);

    // The filter lives in the URL: a reload (or a shared link) shows the same rows.
    await page.reload();
    await expect(page.getByLabel('Find a patient')).toHaveValue(`${familyName} ${givenName}`);
    await expect(rows.filter({ hasText: mrn })).toHaveCount(1);

    // By MRN, exactly one; the row opens the record.
    await page.getByLabel('Find a patient').fill(mrn);
    await expect(rows).toHaveCount(1);
    await expect(page.getByTestId('patient-total')).toHaveText('1–1 of 1 patient');
    await rows.first().getByRole('link').click();
    await expect(page).toHaveURL(`${E2E_BASE_URL}/patients/${newId}`);

    // Back restores the filtered list.
    await page.goBack();
    await expect(page.getByLabel('Find a patient')).toHaveValue(mrn);
    await expect(rows).toHaveCount(1);

    // The booking form's patient picker finds the new patient too, by MRN.
    await page.goto('/appointments/new');
    await page.getByLabel('Patient', { exact: true }).fill(mrn);
    await expect(page.getByRole('option', { name: new RegExp(mrn) })).toHaveCount(1);
  });

  test('sorts and pages in the URL, and back/forward restore the table', async ({ page }) => {
    await page.goto('/patients');
    const firstMrn = () =>
      page.getByTestId('patient-row').first().locator('td').nth(2).textContent();
    await expect(page.getByTestId('patient-total')).toHaveText(/^1–25 of \d+ patients$/);

    await page.getByRole('button', { name: /^MRN/ }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('sort') === 'mrn');
    await expect(page.getByTestId('patient-row').first()).toContainText('MRN-000001');
    await page.getByRole('button', { name: /^MRN/ }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('dir') === 'desc');
    // The URL changes at once; the rows when the server answers.
    await expect(page.getByTestId('patient-row').first()).not.toContainText('MRN-000001');
    const newest = await firstMrn();
    expect(newest).toMatch(/^MRN-\d{6}$/);

    // Pages are keyset cursors: Next names the last row shown.
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page).toHaveURL(
      (url) => url.searchParams.get('page') === '2' && url.searchParams.get('after') !== null,
    );
    await expect(page.getByTestId('patient-total')).toHaveText(/^26–50 of/);
    const secondPageFirst = await firstMrn();

    await page.goBack();
    await expect(page).toHaveURL((url) => url.searchParams.get('page') === null);
    await expect(page.getByTestId('patient-row').first().locator('td').nth(2)).toHaveText(
      newest ?? '',
    );
    await page.goForward();
    await expect(page.getByTestId('patient-total')).toHaveText(/^26–50 of/);

    // Next, then Previous: the same page 2 again (read backwards from the first row of page 3).
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByTestId('patient-total')).toHaveText(/^51–75 of/);
    await page.getByRole('button', { name: 'Previous' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('before') !== null);
    await expect(page.getByTestId('patient-total')).toHaveText(/^26–50 of/);
    await expect(page.getByTestId('patient-row').first().locator('td').nth(2)).toHaveText(
      secondPageFirst ?? '',
    );
    // Sorting starts again at the first page.
    await page.getByRole('button', { name: /^Date of birth/ }).click();
    await expect(page).toHaveURL(
      (url) =>
        url.searchParams.get('sort') === 'dob' &&
        url.searchParams.get('before') === null &&
        url.searchParams.get('page') === null,
    );
    await expect(page.getByTestId('patient-total')).toHaveText(/^1–25 of/);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByTestId('patient-total')).toHaveText(/^26–50 of/);
    await page.getByRole('button', { name: 'First' }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get('after') === null);
    await expect(page.getByTestId('patient-total')).toHaveText(/^1–25 of/);

    // Nonsense in the URL, a cursor among it, falls back to defaults instead of failing.
    for (const nonsense of [
      '/patients?page=-4&size=7&sort=password&dir=up&dobFrom=never',
      '/patients?after=not-an-id&page=9',
      '/patients?before=00000000-0000-0000-0000-000000000000&page=3',
    ]) {
      const res = await page.goto(nonsense);
      expect(res?.status()).toBe(200);
      await expect(page.getByTestId('patient-total')).toHaveText(/^1–25 of \d+ patients$/);
    }
  });

  test("another clinic's patient is the same 404 as a missing one", async ({ page, browser }) => {
    const harbor = await browser.newContext({
      ...signedInAs('harborAdmin'),
      baseURL: E2E_BASE_URL,
    });
    const harborPatient = await findByMrn(harbor.request, 'HP-000001');
    await harbor.close();

    const foreign = await page.goto(`/patients/${harborPatient.id}`);
    expect(foreign?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByText(harborPatient.label)).toHaveCount(0);

    const missing = await page.goto('/patients/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    const malformed = await page.goto('/patients/not-a-uuid');
    expect(malformed?.status()).toBe(404);
  });

  test('the list, the form and a record have no serious accessibility violations', async ({
    page,
  }) => {
    test.slow(); // three pages, each rendered and scanned
    await page.goto('/patients');
    await expect(page.getByTestId('patient-row').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto('/patients/new');
    await expect(page.getByRole('button', { name: 'Create patient' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Create patient' }).click();
    await expect(page.getByText('Enter the family name')).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto('/patients');
    await page.getByTestId('patient-row').first().getByRole('link').click();
    await expect(page.getByTestId('patient-mrn')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
