/**
 * One clinic per action, across tabs: two pages of one browser share the session cookie, so a
 * switch, sign-out or sign-in in one tab changes the other's session under it. A write from the
 * other tab lands only in the clinic its page showed, or is refused; the tab then shows the new
 * state, header and body from one render, and says so.
 */
import { randomUUID } from 'node:crypto';
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import {
  CLINICS,
  chooseClinic,
  clickHydrated,
  clinicSwitcher,
  loginAs,
  signOut,
  switchClinic,
} from './helpers';

/**
 * A tab that has not heard of the other tab's change yet (a message still in flight, or a window
 * of another browser process): the server's refusal is then all that stands.
 */
async function deafToOtherTabs(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'BroadcastChannel', { value: undefined });
  });
}

/** Two tabs of one browser, signed in as Dr Nguyen (Northside and Harbor) in a fresh session. */
async function twoTabs(context: BrowserContext): Promise<{ a: Page; b: Page }> {
  const a = await context.newPage();
  await loginAs(a, 'dr.nguyen@demo.test');
  await chooseClinic(a, CLINICS.northside);
  const b = await context.newPage();
  return { a, b };
}

async function openNewPatientForm(page: Page, familyName: string): Promise<void> {
  await page.goto('/patients/new');
  await expect(page.getByText(`Register a patient at ${CLINICS.northside}.`)).toBeVisible();
  await page.getByLabel('Given name').fill('Ada');
  await page.getByLabel('Family name').fill(familyName);
  await page.getByLabel('Date of birth').fill('1985-12-10');
  await page.getByLabel('Sex').selectOption('female');
}

/** Patients named `familyName` in the session's current clinic, through the picker's search. */
async function patientsNamed(request: APIRequestContext, familyName: string): Promise<number> {
  const res = await request.get(`/api/patients/search?${new URLSearchParams({ q: familyName })}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

/** The header and the page body both name `clinic`. */
async function showsClinic(page: Page, clinic: string, body: string): Promise<void> {
  await expect(clinicSwitcher(page).locator('option:checked')).toHaveText(clinic);
  await expect(page.getByText(body)).toBeVisible();
}

/**
 * Tab A holds a half-filled new-patient form of Northside and has not heard of anything tab B
 * does next; tab B is open on the home page, ready to act.
 */
async function staleForm(browser: Browser) {
  const context = await browser.newContext();
  const { a, b } = await twoTabs(context);
  await deafToOtherTabs(a);
  const familyName = `Tabs${randomUUID().slice(0, 8)}`;
  await openNewPatientForm(a, familyName);
  await b.goto('/');
  return { context, a, b, familyName };
}

test.describe('a form left open in one tab', () => {
  test.slow(); // two tabs, sign-in, a switch and two re-renders on a two-core machine

  test('is refused after a switch to another clinic in another tab, and the tab then shows that clinic', async ({
    browser,
  }) => {
    const { context, a, b, familyName } = await staleForm(browser);
    await switchClinic(b, CLINICS.harbor);

    await clickHydrated(a.getByRole('button', { name: 'Create patient' }));
    await expect(
      a.getByText(
        `You switched to ${CLINICS.harbor} in another tab. This form was for ${CLINICS.northside}. Nothing was saved.`,
      ),
    ).toBeVisible();
    // The tab catches up: header and body of one render, both Harbor, and the form is empty.
    await showsClinic(a, CLINICS.harbor, `Register a patient at ${CLINICS.harbor}.`);
    await expect(a.getByLabel('Family name')).toHaveValue('');

    // Nothing was created in either clinic.
    expect(await patientsNamed(context.request, familyName)).toBe(0);
    await switchClinic(b, CLINICS.northside);
    expect(await patientsNamed(context.request, familyName)).toBe(0);
    await context.close();
  });

  test('is refused after a sign-out in another tab, and the tab then asks to sign in', async ({
    browser,
  }) => {
    const { context, a, b, familyName } = await staleForm(browser);
    await signOut(b);

    await clickHydrated(a.getByRole('button', { name: 'Create patient' }));
    await expect(a.getByText('Please sign in')).toBeVisible();
    await expect(a).toHaveURL((url) => url.pathname === '/login');
    await expect(a.getByText('You were signed out in another tab.')).toBeVisible();

    await loginAs(b, 'dr.nguyen@demo.test');
    await chooseClinic(b, CLINICS.northside);
    expect(await patientsNamed(context.request, familyName)).toBe(0);
    await switchClinic(b, CLINICS.harbor);
    expect(await patientsNamed(context.request, familyName)).toBe(0);
    await context.close();
  });
});

test.describe('an open tab', () => {
  test.slow();

  test('hears of a switch in another tab and re-renders in the new clinic', async ({ browser }) => {
    const context = await browser.newContext();
    const { a, b } = await twoTabs(context);
    await a.goto('/patients');
    await showsClinic(a, CLINICS.northside, `Everyone registered at ${CLINICS.northside}.`);

    await b.goto('/');
    await switchClinic(b, CLINICS.harbor);

    await showsClinic(a, CLINICS.harbor, `Everyone registered at ${CLINICS.harbor}.`);
    await expect(a.getByText(`You switched to ${CLINICS.harbor} in another tab.`)).toBeVisible();
    await context.close();
  });

  test('with a half-filled form says the form was cleared when it re-renders', async ({
    browser,
  }) => {
    const context = await browser.newContext();
    const { a, b } = await twoTabs(context);
    await openNewPatientForm(a, `Tabs${randomUUID().slice(0, 8)}`);

    await b.goto('/');
    await switchClinic(b, CLINICS.harbor);

    await showsClinic(a, CLINICS.harbor, `Register a patient at ${CLINICS.harbor}.`);
    await expect(
      a.getByText(
        `You switched to ${CLINICS.harbor} in another tab. The form you were filling in for ${CLINICS.northside} was cleared; nothing was saved.`,
      ),
    ).toBeVisible();
    await expect(a.getByLabel('Family name')).toHaveValue('');
    await context.close();
  });

  test('that missed the message checks when it comes back into focus', async ({ browser }) => {
    const context = await browser.newContext();
    const { a, b } = await twoTabs(context);
    await deafToOtherTabs(a);
    await a.goto('/patients');
    await showsClinic(a, CLINICS.northside, `Everyone registered at ${CLINICS.northside}.`);

    await b.goto('/');
    await switchClinic(b, CLINICS.harbor);
    await a.evaluate(() => window.dispatchEvent(new Event('focus')));

    await showsClinic(a, CLINICS.harbor, `Everyone registered at ${CLINICS.harbor}.`);
    await context.close();
  });

  test('never shows a page of the new clinic under the old header', async ({ browser }) => {
    const context = await browser.newContext();
    const { a, b } = await twoTabs(context);
    await deafToOtherTabs(a);
    await a.goto('/');
    await expect(clinicSwitcher(a).locator('option:checked')).toHaveText(CLINICS.northside);

    await b.goto('/');
    await switchClinic(b, CLINICS.harbor);

    // Watch every change of the page for Harbor's list under a header that still says Northside.
    await a.evaluate((northside) => {
      const w = window as unknown as { mixed: boolean };
      w.mixed = false;
      new MutationObserver(() => {
        const header = document.querySelector<HTMLSelectElement>('[data-testid=clinic-switcher]');
        const headerClinic = header?.selectedOptions[0]?.textContent;
        const body = document.querySelector('main')?.textContent ?? '';
        if (headerClinic === northside && body.includes('Everyone registered at Harbor'))
          w.mixed = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    }, CLINICS.northside);

    // A client-side navigation brings Harbor's patients; the header must come with them.
    await a
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Patients' })
      .click();
    await showsClinic(a, CLINICS.harbor, `Everyone registered at ${CLINICS.harbor}.`);
    expect(await a.evaluate(() => (window as unknown as { mixed: boolean }).mixed)).toBe(false);
    await context.close();
  });
});
