import { expect, test } from '@playwright/test';
import {
  CLINICS,
  chooseClinic,
  clinicSwitcher,
  lateAnswerCookies,
  loginAs,
  recentPatients,
  signedInAs,
  switchClinic,
} from './helpers';

test.describe('a user of two clinics', () => {
  test('chooses a clinic after sign-in, then switches in the header', async ({ page }) => {
    await loginAs(page, 'dr.nguyen@demo.test');
    await expect(page).toHaveURL((url) => url.pathname === '/select-clinic');
    await expect(page.getByRole('heading', { name: 'Choose a clinic' })).toBeVisible();
    await expect(page.getByRole('button', { name: CLINICS.northside })).toBeVisible();
    await expect(page.getByRole('button', { name: CLINICS.harbor })).toBeVisible();

    await chooseClinic(page, CLINICS.northside);
    await expect(clinicSwitcher(page).locator('option:checked')).toHaveText(CLINICS.northside);
    const northside = await recentPatients(page);
    const northsideCount = await page.getByTestId('patient-count').textContent();
    // Northside numbers its records with the system default prefix.
    for (const p of northside) expect(p.mrn).toMatch(/^MRN-\d+$/);

    await switchClinic(page, CLINICS.harbor);
    await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.harbor);
    const harbor = await recentPatients(page);
    // Harbor overrides the prefix; no Northside record may show up here.
    for (const p of harbor) expect(p.mrn).toMatch(/^HP-\d+$/);
    const northsideMrns = new Set(northside.map((p) => p.mrn));
    expect(harbor.filter((p) => northsideMrns.has(p.mrn))).toEqual([]);
    expect(harbor).not.toEqual(northside);

    // The choice lives in the session, not in the page.
    await page.reload();
    await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.harbor);
    expect(await recentPatients(page)).toEqual(harbor);

    await switchClinic(page, CLINICS.northside);
    await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
    await expect(page.getByTestId('patient-count')).toHaveText(northsideCount ?? '');
    expect(await recentPatients(page)).toEqual(northside);
  });

  test.describe('signed in', () => {
    test.use(signedInAs('drNguyen'));

    test('switching on a section page stays on that section', async ({ page }) => {
      await chooseClinic(page, CLINICS.northside);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Exports' })
        .click();
      await expect(page.getByText(`Exports and reports of ${CLINICS.northside}.`)).toBeVisible();

      await switchClinic(page, CLINICS.harbor);
      await expect(page.getByText(`Exports and reports of ${CLINICS.harbor}.`)).toBeVisible();
      await expect(page).toHaveURL((url) => url.pathname === '/exports');
    });

    test('a switch is not undone by a response that was already on its way', async ({
      page,
      context,
      request,
    }) => {
      await chooseClinic(page, CLINICS.northside);
      const before = await context.cookies();

      await switchClinic(page, CLINICS.harbor);
      await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.harbor);
      // A link prefetch that left with the Northside session and is answered after the switch.
      await context.addCookies(await lateAnswerCookies(request, before, page.url()));

      await page.reload();
      await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.harbor);
    });
  });
});

test.describe('a user of one clinic', () => {
  test.use(signedInAs('reception'));

  test('sees the clinic name and no picker', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('clinic-name')).toHaveText(CLINICS.northside);
    await expect(page.getByTestId('active-clinic')).toHaveText(CLINICS.northside);
    await expect(clinicSwitcher(page)).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Active clinic' })).toHaveCount(0);
  });

  test('is offered only that clinic in the chooser', async ({ page }) => {
    await page.goto('/select-clinic');
    await expect(page.getByRole('button', { name: CLINICS.northside })).toBeVisible();
    await expect(page.getByRole('button', { name: CLINICS.harbor })).toHaveCount(0);
  });
});
