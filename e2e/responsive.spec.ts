/**
 * Issue 11 §1: every page at phone (390×844) and tablet (768×1024) width. On each: no horizontal
 * page overflow, no control (button, link, field) outside the viewport unless it sits in a
 * scrolling region (tables, components/ui/scroll-area.tsx), and at phone width the header's
 * "Menu" opens by touch and holds the navigation and Sign out, inside the screen. The keyboard
 * path of the menu (Enter, Tab into it, Escape back to the button) is tested once per layout.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_BASE_URL } from './constants';
import { enterGlobalMode, hydrated, signedInAs, type Role } from './helpers';
import { loginAsOps } from './mfa-helpers';
import { ADMIN_PAGES } from './pages';

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];

/** Record pages get their ids from the lists (ids are random per seed). */
const CLINIC_ROUTES = [
  '/',
  '/patients',
  '/patients/new',
  'patient-record',
  '/appointments',
  '/appointments/new',
  'appointment-record',
  '/exports',
  '/members',
  '/audit',
  '/settings',
  '/account',
];
const ADMIN_ROUTES = [...ADMIN_PAGES, '/account'];
const PUBLIC_ROUTES = [
  '/login',
  '/forgot-password',
  `/reset-password/${'x'.repeat(43)}`,
  `/invite/${'A'.repeat(43)}`,
];

/** Controls whose box leaves the viewport, outside any scrolling region; [] when all is well. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > window.innerWidth) {
      problems.push(`page scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}`);
    }
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [tabindex="0"]',
    );
    for (const el of controls) {
      if (el.closest('[data-scroll-container]') && !el.matches('[data-scroll-container]')) continue;
      if (!el.checkVisibility({ checkOpacity: true, visibilityProperty: true })) continue;
      const box = el.getBoundingClientRect();
      // Visually hidden helpers (sr-only) are 1 px boxes by design.
      if (box.width <= 1 || box.height <= 1) continue;
      if (box.left < -0.5 || box.right > window.innerWidth + 0.5) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim();
        problems.push(
          `${el.tagName.toLowerCase()} "${name.slice(0, 40)}" spans x=${Math.round(box.left)}..${Math.round(box.right)}`,
        );
      }
    }
    return problems;
  });
}

async function expectFits(page: Page, what: string): Promise<void> {
  expect(await layoutProblems(page), `${what} at ${page.viewportSize()?.width} px`).toEqual([]);
}

const menuButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: 'Menu' });

/** At phone width: the menu opens by touch, holds Sign out inside the screen, and closes again. */
async function checkMenuByTouch(page: Page, route: string): Promise<void> {
  const button = menuButton(page);
  await hydrated(button);
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeHidden();
  await button.tap();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await expectFits(page, `${route} with the menu open`);
  await button.tap();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
}

async function visit(page: Page, route: string): Promise<void> {
  const response = await page.goto(route);
  expect(response?.status(), route).toBeLessThan(400);
  await expect(page.locator('main')).toBeVisible();
  // Fonts and hydration can still move boxes: wait for the page to settle.
  await page.waitForLoadState('networkidle');
}

/** The path of the first record linked from a list page (lists stream in after a skeleton). */
async function firstRecord(page: Page, section: string): Promise<string> {
  await page.goto(section);
  const link = page.locator(`main a[href^="${section}/"]:not([href$="/new"])`).first();
  await expect(link).toBeVisible();
  return (await link.getAttribute('href'))!;
}

async function resolve(page: Page, route: string): Promise<string> {
  if (route === 'patient-record') return firstRecord(page, '/patients');
  if (route === 'appointment-record') {
    return firstRecord(page, '/appointments');
  }
  return route;
}

async function phoneContext(browser: Browser, viewport: Viewport, role?: Role) {
  return browser.newContext({
    ...(role ? signedInAs(role) : {}),
    baseURL: E2E_BASE_URL,
    viewport: { width: viewport.width, height: viewport.height },
    hasTouch: true,
    isMobile: viewport.name === 'phone',
  });
}

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} ${viewport.width}×${viewport.height}`, () => {
    test('every clinic page fits, and its menu opens by touch', async ({ browser }) => {
      test.setTimeout(180_000);
      const context = await phoneContext(browser, viewport, 'northsideAdmin');
      const page = await context.newPage();
      for (const route of CLINIC_ROUTES) {
        const path = await resolve(page, route);
        await visit(page, path);
        await expectFits(page, path);
        if (viewport.name === 'phone') await checkMenuByTouch(page, path);
        else await expect(menuButton(page)).toBeHidden();
      }
      await context.close();
    });

    test('the sign-in and other public pages fit', async ({ browser }) => {
      const context = await phoneContext(browser, viewport);
      const page = await context.newPage();
      for (const route of PUBLIC_ROUTES) {
        await visit(page, route);
        await expectFits(page, route);
      }
      await context.close();
    });

    test('the clinic chooser fits', async ({ browser }) => {
      const context = await phoneContext(browser, viewport, 'drNguyen');
      const page = await context.newPage();
      await visit(page, '/select-clinic');
      await expectFits(page, '/select-clinic');
      await context.close();
    });

    test('the menu works with the keyboard', async ({ browser }) => {
      const context = await phoneContext(browser, viewport, 'reception');
      const page = await context.newPage();
      await visit(page, '/patients');
      const nav = page.getByRole('navigation', { name: 'Main' });
      if (viewport.name === 'tablet') {
        // From 768 px the bar holds everything: no menu, and the current section is marked.
        await expect(menuButton(page)).toBeHidden();
        await expect(nav.getByRole('link', { name: 'Patients' })).toHaveAttribute(
          'aria-current',
          'page',
        );
        await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeInViewport();
        return context.close();
      }
      const button = menuButton(page);
      await hydrated(button);
      await button.focus();
      await page.keyboard.press('Enter');
      await expect(button).toHaveAttribute('aria-expanded', 'true');
      // Tab order: the panel follows its button, starting with the navigation.
      await page.keyboard.press('Tab');
      await expect(nav.getByRole('link', { name: 'Home' })).toBeFocused();
      await expect(nav.getByRole('link', { name: 'Patients' })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await page.keyboard.press('Escape');
      await expect(button).toHaveAttribute('aria-expanded', 'false');
      await expect(button).toBeFocused();
      await expect(nav).toBeHidden();
      // Space opens it too, and following a link folds it on the next page.
      await page.keyboard.press(' ');
      await expect(nav).toBeVisible();
      await nav.getByRole('link', { name: 'Appointments' }).tap();
      await expect(page).toHaveURL((url) => url.pathname === '/appointments');
      await expect(button).toHaveAttribute('aria-expanded', 'false');
      await expect(nav).toBeHidden();
      // Sign out is reachable from the phone menu (not pressed: that would end the stored session).
      await button.tap();
      await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeInViewport();
      await context.close();
    });
  });
}

// One form sign-in (a recovery code) for both widths: the stored ops session stays as it is.
test('every control-plane page fits at phone and tablet width', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, hasTouch: true });
  const page = await context.newPage();
  await loginAsOps(page);
  await enterGlobalMode(page);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const route of ADMIN_ROUTES) {
      await visit(page, route);
      await expectFits(page, route);
      if (viewport.name === 'phone') await checkMenuByTouch(page, route);
    }
  }
  await context.close();
});
