import { expect, test, type Page } from '@playwright/test';
import { CLINICS, expectNoSeriousA11yViolations, signedInAs } from './helpers';
import { linkIn, waitForMail } from './mailbox';

/**
 * Issue 10 §2 end to end, with the real SMTP capture: Northside's admin invites a nurse, the nurse
 * opens the e-mailed link in a browser of her own, sets a password and lands in the clinic; the
 * admin changes her role and removes her, and her next request goes back to the clinic chooser.
 * The address is unique per run, so the spec can share the seeded database with the others.
 */
const NAME = 'Nora Newhire';
const PASSWORD = 'violet harbor lantern 2026';

/** No horizontal scrolling at the page's width (390 px phones): tables scroll inside themselves. */
async function expectNoPageOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe('a clinic admin runs the clinic’s own team', () => {
  test.use(signedInAs('northsideAdmin'));

  test('invites a nurse, who joins from the e-mail; changes her role; removes her', async ({
    page,
    browser,
  }) => {
    test.slow(); // two browsers, a mail round trip and several server round trips
    const email = `nurse.${Date.now()}@e2e.test`;
    const since = Date.now();
    await page.goto('/members');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Nurse' });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
    const pending = page.getByTestId('invitations').getByRole('row').filter({ hasText: email });
    await expect(pending).toContainText('Nurse');

    const mail = await waitForMail(email, { since });
    expect(mail.subject).toContain(CLINICS.northside);
    expect(mail.text).toContain('within 7 days');
    const link = linkIn(mail, '/invite/');

    // The nurse: a fresh browser with no session.
    const nurseContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const nurse = await nurseContext.newPage();
    await nurse.setViewportSize({ width: 390, height: 844 });
    await nurse.goto(link);
    await expect(nurse.getByRole('heading', { name: `Join ${CLINICS.northside}` })).toBeVisible();
    await expectNoPageOverflow(nurse);
    await expectNoSeriousA11yViolations(nurse);
    await nurse.getByLabel('Your name').fill(NAME);
    await nurse.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await nurse.getByRole('button', { name: 'Create account and join' }).click();
    await expect(nurse).toHaveURL((url) => url.pathname === '/');
    await expect(nurse.getByTestId('clinic-name')).toHaveText(CLINICS.northside);

    // The link worked once.
    const again = await nurseContext.newPage();
    await again.goto(link);
    await expect(again.getByTestId('invitation-state')).toHaveAttribute('data-state', 'used');

    // The admin sees her as a member, and changes her role.
    await page.reload();
    await expect(pending).toHaveCount(0);
    const row = page.getByTestId('members').getByRole('row').filter({ hasText: email });
    await row
      .getByLabel(`Role of ${NAME}`, { exact: true })
      .selectOption({ label: 'Receptionist' });
    await row.getByRole('button', { name: `Save the role of ${NAME}` }).click();
    await expect(page.getByText(`${NAME} is now Receptionist.`)).toBeVisible();
    // Her next request has the new role (receptionists register patients, nurses do not), and
    // she is still signed in.
    await nurse.goto('/patients');
    await expect(nurse.getByRole('heading', { name: 'Patients', level: 1 })).toBeVisible();
    await expect(nurse.getByRole('link', { name: 'New patient' })).toBeVisible();

    // Removed: the dialog's buttons say what they do.
    await row.getByRole('button', { name: `Remove ${NAME} from ${CLINICS.northside}` }).click();
    const dialog = page.getByRole('dialog', { name: `Remove ${NAME} from ${CLINICS.northside}?` });
    await expect(dialog.getByRole('button', { name: `Keep ${NAME}` })).toBeVisible();
    await dialog.getByRole('button', { name: `Remove ${NAME}`, exact: true }).click();
    await expect(page.getByText(`${NAME} removed from ${CLINICS.northside}.`)).toBeVisible();
    await expect(row).toHaveCount(0);

    // Her next request in Northside goes back to the clinic chooser.
    await nurse.goto('/patients');
    await expect(nurse).toHaveURL(/\/select-clinic$/);
    await expect(nurse.getByText('You are not a member of any active clinic.')).toBeVisible();
    await nurseContext.close();
  });

  test('the members page works at 390 px and has no serious accessibility problems', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/members');
    await expect(page.getByRole('heading', { name: 'Invite someone' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send invitation' })).toBeVisible();
    // The header's navigation is wider than a phone (all clinic pages, not this one's to fix): the
    // page's own controls fit, and its tables scroll inside themselves.
    for (const control of [
      page.getByLabel('Email', { exact: true }),
      page.getByLabel('Role', { exact: true }),
      page.getByRole('button', { name: 'Send invitation' }),
    ]) {
      const box = (await control.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await expectNoSeriousA11yViolations(page);
  });

  test('an unknown link is a clear page, not an error', async ({ page }) => {
    await page.goto(`/invite/${'A'.repeat(43)}`);
    await expect(page.getByTestId('invitation-state')).toHaveAttribute('data-state', 'invalid');
    await expect(page.getByText(/not valid/)).toBeVisible();
  });
});
