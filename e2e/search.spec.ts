import { expect, test, type Page } from '@playwright/test';
import { hydrated, signedInAs } from './helpers';

/**
 * Finding a patient (issue 11 §4): the header's quick search from the keyboard (`/` and
 * Ctrl+K, MRN digits, Enter opens the record), on a phone too, and the booking picker by phone.
 * Runs as Northside's receptionist; Northside's MRNs are MRN-000001 upwards.
 */
test.use(signedInAs('reception'));

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Find a patient' });

async function openPatientsPage(page: Page): Promise<void> {
  await page.goto('/patients');
  await hydrated(page.getByRole('button', { name: 'Find patient' }));
}

test.describe('quick search', () => {
  test('`/` opens it outside a field, MRN digits find the patient, Enter opens the record', async ({
    page,
  }) => {
    test.slow(); // two page loads on a busy machine (axe on this dialog: e2e/a11y.spec.ts)
    await openPatientsPage(page);
    // In a text field `/` is just a character.
    const filter = page.getByLabel('Find a patient', { exact: true });
    await filter.fill('a/b');
    await expect(dialog(page)).toBeHidden();
    await filter.fill('');
    await filter.blur();

    await page.keyboard.press('/');
    await expect(dialog(page)).toBeVisible();
    await expect(dialog(page).getByRole('combobox')).toBeFocused();
    await page.keyboard.type('1');
    await expect(dialog(page).getByRole('option').first()).toContainText('MRN-000001');
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/patients\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('patient-mrn')).toHaveText('MRN-000001');
    await expect(dialog(page)).toBeHidden();
  });

  test('Ctrl+K opens it, Escape closes it, and it fits a 390 px phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openPatientsPage(page);

    await page.keyboard.press('Control+k');
    await expect(dialog(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();

    await page.keyboard.press('Control+k');
    await page.keyboard.type('000002');
    const hit = dialog(page).getByRole('option').first();
    await expect(hit).toContainText('MRN-000002');
    const box = await dialog(page).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.screenshot({ path: 'test-results/quick-search-390.png' });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('patient-mrn')).toHaveText('MRN-000002');
  });

  test('says so when nothing matches', async ({ page }) => {
    await openPatientsPage(page);
    await page.getByRole('button', { name: 'Find patient' }).click();
    await page.keyboard.type('zzzz-no-such-patient');
    await expect(dialog(page).getByText('No patient matches')).toBeVisible();
  });

  test('refuses a pasted text over 100 characters with the reason, and keeps all of it', async ({
    page,
  }) => {
    await openPatientsPage(page);
    await page.getByRole('button', { name: 'Find patient' }).click();
    const long = 'garcia '.repeat(20); // 140 characters
    await dialog(page).getByPlaceholder('Find a patient…').fill(long);
    await expect(dialog(page).getByPlaceholder('Find a patient…')).toHaveValue(long);
    await expect(dialog(page).getByText('Search with at most 100 characters.')).toBeVisible();
  });
});

test.describe('patient picker', () => {
  test('finds a patient by phone typed in another formatting', async ({ page }) => {
    test.slow(); // onboarding a patient, then the booking form
    // A phone no seeded patient has: +44 20 7946 0xxx (a range reserved for drama).
    const last = String(Math.floor(Date.now() / 1000) % 1000).padStart(3, '0');
    const familyName = `Phonefind${String.fromCharCode(97 + (Date.now() % 26))}`;
    await page.goto('/patients/new');
    await page.getByLabel('Given name').fill('Ellis');
    await page.getByLabel('Family name').fill(familyName);
    await page.getByLabel('Date of birth').fill('1984-06-07');
    await page.getByLabel('Sex').selectOption('other');
    await page.getByLabel('Phone').fill(`+44 20 7946 0${last}`);
    await page.getByRole('button', { name: 'Create patient' }).click();
    const createAnyway = page.getByRole('button', { name: 'Create anyway' });
    await expect(page.getByTestId('patient-mrn').or(createAnyway)).toBeVisible();
    if (await createAnyway.isVisible()) await createAnyway.click();
    const mrn = (await page.getByTestId('patient-mrn').textContent()) ?? '';
    expect(mrn).toMatch(/^MRN-\d{6}$/);

    await page.goto('/appointments/new');
    const picker = page.getByLabel('Patient', { exact: true });
    await hydrated(picker);
    // Without the country code, with other separators.
    await picker.fill(`(20) 7946-0${last}`);
    await page.getByRole('option', { name: new RegExp(mrn) }).click();
    await expect(page.locator('.picker__single-value').first()).toContainText(
      `${familyName}, Ellis · ${mrn}`,
    );
  });
});
