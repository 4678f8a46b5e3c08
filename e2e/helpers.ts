/**
 * Shared pieces of the end-to-end suite: the demo roles and their stored sessions, sign-in (by
 * API for the setup project, by the form for tests about signing in) and the page facts specs
 * assert on. Demo accounts and clinic names come from the seed itself, so they cannot drift.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  expect,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
} from '@playwright/test';
import { DEMO_CLINICS } from '@/db/seed/clinics';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@/db/seed/logins';
import { E2E_BASE_URL } from './constants';

export { DEMO_PASSWORD };

/** The roles with a stored session (e2e/.auth/<role>.json), each a seeded demo account. */
export const ROLES = {
  /** System admin, member of no clinic. */
  ops: 'ops@demo.test',
  /** clinic_admin at Northside. */
  northsideAdmin: 'admin@northside.test',
  /** receptionist at Northside only: the clinic is picked at sign-in. */
  reception: 'reception@northside.test',
  /** doctor at Northside and clinic_admin at Harbor: chooses a clinic after sign-in. */
  drNguyen: 'dr.nguyen@demo.test',
  /** clinic_admin at Harbor. */
  harborAdmin: 'admin@harbor.test',
  /** nurse at Harbor. */
  harborNurse: 'nurse@harbor.test',
} as const satisfies Record<string, string>;

export type Role = keyof typeof ROLES;

for (const email of Object.values(ROLES)) {
  if (!DEMO_LOGINS.some((l) => l.email === email)) throw new Error(`${email} is not seeded`);
}

function clinicName(slug: string): string {
  const clinic = DEMO_CLINICS.find((c) => c.slug === slug);
  if (!clinic) throw new Error(`no demo clinic ${slug}`);
  return clinic.name;
}

export const CLINICS = {
  northside: clinicName('northside'),
  harbor: clinicName('harbor'),
} as const;

/** The one message for every sign-in failure (lib/auth/sign-in-rules.ts). */
export const SIGN_IN_FAILED = 'Email or password is incorrect, or the account is locked.';

/** The header value of CVE-2025-29927: it made Next skip middleware before 15.2.3. */
export const MIDDLEWARE_SUBREQUEST = 'middleware:middleware:middleware:middleware:middleware';

const AUTH_DIR = path.join(import.meta.dirname, '.auth');

export function authFile(role: Role): string {
  return path.join(AUTH_DIR, `${role}.json`);
}

/** `test.use(signedInAs('reception'))`: every test in scope starts signed in as that role. */
export function signedInAs(role: Role): { storageState: string } {
  return { storageState: authFile(role) };
}

/**
 * Signs in the way a script would (GET /api/auth/csrf, then POST the credentials callback); the
 * request context keeps the session cookie.
 */
export async function signInViaApi(
  request: APIRequestContext,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  const csrf = await request.get('/api/auth/csrf');
  expect(csrf.ok()).toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post('/api/auth/callback/credentials', {
    form: { email, password, csrfToken, callbackUrl: '/' },
    maxRedirects: 0,
  });
  expect(res.status(), `sign-in of ${email}`).toBe(302);
  expect(res.headers()['location'] ?? '', `sign-in of ${email}`).not.toContain('error=');
  const session = (await (await request.get('/api/auth/session')).json()) as {
    user?: { id?: string; email?: string };
  } | null;
  expect(session?.user?.id, `session of ${email}`).toBeTruthy();
}

/** Fills and submits the sign-in form; the caller asserts where it lands. */
export async function submitLogin(
  page: Page,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the form and waits until the app has left /login. */
export async function loginAs(
  page: Page,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  await submitLogin(page, email, password);
  await page.waitForURL((url) => url.pathname !== '/login');
}

/**
 * Opens the control plane in global mode. An operator without clinics is there from sign-in
 * (lib/auth/token.ts); otherwise this presses the header's "Enter global mode".
 */
export async function enterGlobalMode(page: Page): Promise<void> {
  // Right after a form sign-in the app may itself be on its way to /admin (an operator of no
  // clinic lands there): wait for that rather than racing it.
  await page.waitForLoadState();
  if (new URL(page.url()).pathname !== '/admin') {
    // The sign-in's own redirect to /admin may still be under way: a goto it interrupts is fine.
    await page.goto('/admin').catch((err: unknown) => {
      if (!String(err).includes('interrupted by another navigation')) throw err;
    });
    await page.waitForURL((url) => url.pathname === '/admin');
  }
  const banner = page.getByRole('banner');
  const leave = banner.getByRole('button', { name: 'Leave global mode', includeHidden: true });
  const enter = banner.getByRole('button', { name: 'Enter global mode', includeHidden: true });
  // Below 768 px either button is in the header's menu.
  const menu = banner.getByRole('button', { name: 'Menu' });
  // The URL changes before the new page has rendered: wait for /admin's own header, in either
  // mode, before asking which one it is in (an operator usually lands in global mode).
  await expect(leave.or(enter).or(menu).first()).toBeAttached();
  if ((await leave.count()) === 0) {
    if (await menu.isVisible()) await clickHydrated(menu);
    await clickHydrated(banner.getByRole('button', { name: 'Enter global mode' }));
  }
  await expect(page).toHaveURL((url) => url.pathname === '/admin');
  await expect(page.getByRole('navigation', { name: 'Control plane' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  // Below 768 px, Sign out is in the header's menu.
  const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') {
    await clickHydrated(menu);
  }
  await clickHydrated(page.getByRole('button', { name: 'Sign out' }));
  await page.waitForURL((url) => url.pathname === '/login');
}

/**
 * For a user with several clinics: picks one on /select-clinic and waits for its home page.
 */
export async function chooseClinic(page: Page, name: string): Promise<void> {
  if (new URL(page.url()).pathname !== '/select-clinic') await page.goto('/select-clinic');
  await clickHydrated(page.getByRole('button', { name }));
  await expect(page.getByTestId('clinic-name')).toHaveText(name);
  await expect(page).toHaveURL((url) => url.pathname === '/');
}

export function clinicSwitcher(page: Page): Locator {
  return page.getByTestId('clinic-switcher');
}

/**
 * Resolves once React has hydrated the element (its event handlers are attached). After a full
 * page load on a busy machine that takes seconds, and a click before it is lost. React marks
 * hydrated DOM nodes with its own `__reactProps$…` key: the one reliable sign from outside.
 */
export async function hydrated(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  await expect
    .poll(
      () => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps$'))),
      { message: 'waiting for React to hydrate the element' },
    )
    .toBe(true);
}

/** Clicks once React handles the click. */
export async function clickHydrated(locator: Locator): Promise<void> {
  await hydrated(locator);
  await locator.click();
}

/**
 * Stages the answer to a link prefetch that left with the cookies `before` and arrives only now:
 * returns the cookies that answer sets, for `context.addCookies` (what the browser would do).
 * Done outside the browser so that the order of events is certain.
 */
export async function lateAnswerCookies(
  request: APIRequestContext,
  before: { name: string; value: string }[],
  url: string,
): Promise<{ name: string; value: string; url: string }[]> {
  const late = await request.get('/exports', {
    headers: {
      cookie: before.map((c) => `${c.name}=${c.value}`).join('; '),
      RSC: '1',
      'Next-Router-Prefetch': '1',
    },
    maxRedirects: 0,
  });
  const origin = new URL(url).origin;
  return late
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => {
      const [pair = ''] = h.value.split(';');
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: origin };
    });
}

/** Switches clinic in the header picker and waits until the page shows the new clinic. */
export async function switchClinic(page: Page, name: string): Promise<void> {
  await hydrated(clinicSwitcher(page));
  await clinicSwitcher(page).selectOption({ label: name });
  await expect(page.getByText(`Now working in ${name}`)).toBeVisible();
  await expect(clinicSwitcher(page).locator('option:checked')).toHaveText(name);
  await expect(clinicSwitcher(page)).toBeEnabled();
}

export interface PatientRow {
  name: string;
  mrn: string;
}

/** The "Recently added patients" list on the clinic home page. */
export async function recentPatients(page: Page): Promise<PatientRow[]> {
  const rows = page.getByTestId('recent-patients').getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((items) =>
    items.map((li) => {
      const [name, mrn] = Array.from(li.querySelectorAll('span'), (s) => s.textContent ?? '');
      return { name: name ?? '', mrn: mrn ?? '' };
    }),
  );
}

/**
 * Clinic ids by name, as the header picker of a multi-clinic user offers them (ids are random per
 * seed). Uses its own browser context so the caller's session is untouched.
 */
export async function clinicIds(browser: Browser): Promise<Record<string, string>> {
  const context = await browser.newContext({ ...signedInAs('drNguyen'), baseURL: E2E_BASE_URL });
  try {
    const page = await context.newPage();
    await page.goto('/select-clinic');
    const options = clinicSwitcher(page).locator('option:not([disabled])');
    await expect(options).toHaveCount(2);
    const pairs = await options.evaluateAll((els) =>
      els.map((o) => [o.textContent ?? '', (o as HTMLOptionElement).value] as const),
    );
    return Object.fromEntries(pairs);
  } finally {
    await context.close();
  }
}

/**
 * Runs axe (WCAG 2.x A and AA rules) on the current page and fails on serious or critical
 * violations, listing each with the elements it found.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  const report = serious
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n'),
    )
    .join('\n');
  expect(serious, `axe on ${page.url()}:\n${report}`).toEqual([]);
}
