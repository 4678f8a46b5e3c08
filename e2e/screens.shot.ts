/**
 * The screenshots of docs/screens/ (issue 11, "Done means"), taken on demand by `npm run screens`
 * (playwright.screens.config.ts), never in the normal e2e run: the week calendar, the phone menu
 * open, the patient record's "Book appointment" and the audit log. Each overwrites its PNG.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hydrated, signedInAs } from './helpers';

const SCREENS = path.join(import.meta.dirname, '..', 'docs', 'screens');
const shot = (name: string) => path.join(SCREENS, `${name}.png`);

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Blinking carets and hover states make screenshots differ from run to run.
  await page.mouse.move(0, 0);
}

test.describe('desktop, 1280 px', () => {
  test.use({ ...signedInAs('northsideAdmin'), viewport: { width: 1280, height: 800 } });

  test('the week calendar', async ({ page }) => {
    const response = await page.goto('/appointments/calendar?view=week');
    test.skip(
      response?.status() === 404,
      'No calendar page at /appointments/calendar yet (issue 11 §2): no screenshot taken.',
    );
    await expect(page.getByTestId('calendar')).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('week-calendar') });
  });

  test("the patient record's Book appointment", async ({ page }) => {
    await page.goto('/patients');
    await page.locator('main a[href^="/patients/"]:not([href="/patients/new"])').first().click();
    await expect(page.getByTestId('patient-mrn')).toBeVisible();
    const book = page.getByRole('link', { name: 'Book appointment' });
    test.skip(
      (await book.count()) === 0,
      'The patient record has no "Book appointment" yet (issue 11 §3): no screenshot taken.',
    );
    await settle(page);
    // The record's heading and actions: the button in its place on the page.
    const box = await page.locator('main').boundingBox();
    await page.screenshot({
      path: shot('patient-book-appointment'),
      clip: { x: 0, y: 0, width: 1280, height: Math.min(480, (box?.y ?? 0) + 400) },
    });
  });

  test('the audit log', async ({ page }) => {
    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('audit-log') });
  });
});

test.describe('phone, 390 px', () => {
  test.use({
    ...signedInAs('reception'),
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });

  test('the phone menu open', async ({ page }) => {
    await page.goto('/patients');
    const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
    await hydrated(menu);
    await menu.tap();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await settle(page);
    await page.screenshot({ path: shot('phone-menu-open') });
  });
});
