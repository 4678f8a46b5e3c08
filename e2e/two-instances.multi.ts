/**
 * Two instances of one build on one database and one storage directory
 * (playwright.instances.config.ts), as machines behind a load balancer run: what one instance
 * did, the other honours. The browser works on A; B is asked with plain fetch and the cookies
 * the browser holds, carried by hand. Nothing here may depend on the instance that answered:
 * sessions live in the signed cookie and the `user_sessions` row, files in the shared storage,
 * and the sign-in throttle in the `users` row (docs/scaling.md).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { ExportListResponse } from '@/lib/exports/types';
import { FREE_FAILURES, lockDurationMs } from '@/lib/auth/throttle';
import { INSTANCE_URLS } from './constants';
import {
  CLINICS,
  DEMO_PASSWORD,
  ROLES,
  chooseClinic,
  signInViaApi,
  signOut,
  switchClinic,
} from './helpers';

test.describe.configure({ mode: 'serial' });

const [A, B] = INSTANCE_URLS;

type Cookie = { name: string; value: string };

function cookieHeader(cookies: readonly Cookie[]): string {
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** One request to an instance, redirects not followed: what that instance itself answers. */
function ask(origin: string, path: string, cookies: readonly Cookie[] = []): Promise<Response> {
  return fetch(`${origin}${path}`, {
    headers: { cookie: cookieHeader(cookies) },
    redirect: 'manual',
  });
}

/** The clinic named on the home page (`data-testid="clinic-name"`), or null. */
async function clinicOnHome(res: Response): Promise<string | null> {
  expect(res.status).toBe(200);
  return /data-testid="clinic-name"[^>]*>([^<]*)</.exec(await res.text())?.[1] ?? null;
}

function expectSentToSignIn(res: Response): void {
  expect(res.status).toBe(307);
  expect(new URL(res.headers.get('location') ?? '', A).pathname).toBe('/login');
}

/** One browser on A for the whole file: sign-in, clinic choice, export and sign-out happen there. */
let context: BrowserContext;
let page: Page;
const onB = async (path: string) => ask(B, path, await context.cookies());

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ baseURL: A });
  page = await context.newPage();
});
test.afterAll(async () => {
  await context.close();
});

test('a session signed in on A works on B, and a clinic switch on A is seen on B', async () => {
  expectSentToSignIn(await ask(B, '/'));
  await signInViaApi(context.request, ROLES.drNguyen);

  await chooseClinic(page, CLINICS.northside);
  expect(await clinicOnHome(await onB('/'))).toBe(CLINICS.northside);

  await switchClinic(page, CLINICS.harbor);
  expect(await clinicOnHome(await onB('/'))).toBe(CLINICS.harbor);
});

test('an export requested on A is downloaded from B', async () => {
  await page.goto('/patients');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Export started' })).toBeVisible();

  // A runs the job in-process after its response; B sees the row and then the file.
  let attachmentId = '';
  await expect
    .poll(
      async () => {
        const list = (await (await onB('/api/exports')).json()) as ExportListResponse;
        const newest = list.exports[0];
        if (newest?.file.state === 'available') attachmentId = newest.file.attachmentId;
        return newest?.status;
      },
      { timeout: 30_000 },
    )
    .toBe('done');

  const file = await onB(`/file/download/${attachmentId}`);
  expect(file.status).toBe(200);
  const [header, ...rows] = (await file.text()).split('\r\n').filter(Boolean);
  expect(header).toMatch(/^MRN,Family name,Given name,/);
  expect(rows.length).toBeGreaterThan(0);
  // Harbor numbers its records HP-…: the export is the clinic the switch on A chose.
  for (const row of rows) expect(row).toMatch(/^HP-\d+,/);
});

test('a sign-out on A is refused on B', async () => {
  const before = await context.cookies();
  expect((await ask(B, '/api/exports', before)).status).toBe(200);

  await page.goto('/');
  await signOut(page);

  // The same cookie, still validly signed: B asks the session row, which A has ended.
  expectSentToSignIn(await ask(B, '/', before));
  expect((await ask(B, '/api/exports', before)).status).toBe(401);
});

/** A credentials sign-in by script on one instance (its CSRF cookie and token): true if it let in. */
async function signInOn(origin: string, email: string, password: string): Promise<boolean> {
  const csrf = await ask(origin, '/api/auth/csrf');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => {
    const [pair = ''] = c.split(';');
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { cookie: cookieHeader(cookies) },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: '/' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  const signedIn = res.headers
    .getSetCookie()
    .some((c) => /^authjs\.session-token(\.\d+)?=[^;]/.test(c));
  expect(signedIn).toBe(!(res.headers.get('location') ?? '').includes('error='));
  return signedIn;
}

test('the sign-in throttle counts failures on both instances as one', async () => {
  const email = 'dr.okafor@harbor.test';
  expect(await signInOn(A, email, DEMO_PASSWORD)).toBe(true);

  // Alternating A and B. Past the free failures each one locks the account, and a failure during
  // a lock does not count, so the test waits each lock out: the last one then locks for 8 s.
  const failures = FREE_FAILURES + 4;
  for (let n = 1; n <= failures; n++) {
    expect(await signInOn(n % 2 ? A : B, email, 'not-the-password')).toBe(false);
    const lock = lockDurationMs(n);
    if (n < failures && lock > 0) await new Promise((r) => setTimeout(r, lock + 250));
  }
  expect(lockDurationMs(failures)).toBe(8_000);
  // Each instance alone saw only half of them, too few to lock: the right password is refused
  // only because both count in one place.
  expect(lockDurationMs(Math.ceil(failures / 2))).toBe(0);
  expect(await signInOn(A, email, DEMO_PASSWORD)).toBe(false);
});
