/**
 * Scripts run only with the nonce of their own response (middleware.ts, lib/security/headers.mjs):
 * no 'unsafe-inline'. The pages must still load and hydrate with no policy violation.
 */
import { expect, test, type Page } from '@playwright/test';
import { hydrated, signedInAs } from './helpers';

/** Collects every CSP violation the page reports, from the first script on. */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { reportCspViolation: (v: string) => void };
      const at = `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`;
      w.reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${at}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
      violations.push(m.text());
  });
  return violations;
}

function scriptSrc(policy: string | undefined): string {
  return (policy ?? '').split('; ').find((d) => d.startsWith('script-src ')) ?? '';
}

test.describe('the Content-Security-Policy', () => {
  test('gives every response a fresh nonce, which Next puts on its scripts', async ({
    request,
  }) => {
    const [first, second] = [await request.get('/login'), await request.get('/login')];
    const policies = [first, second].map((r) => r.headers()['content-security-policy']);
    const nonces = policies.map((p) => /'nonce-([^']+)'/.exec(scriptSrc(p))?.[1]);
    expect(nonces[0]).toBeTruthy();
    expect(nonces[0]).not.toBe(nonces[1]);
    for (const p of policies) {
      expect(scriptSrc(p)).toMatch(/^script-src 'nonce-[^']+' 'strict-dynamic'$/);
      expect(p).toContain("frame-ancestors 'none'");
      // One policy only: a second script-src would contradict this one.
      expect(p).not.toContain(',');
    }
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonces[0]}"`);
  });

  test('lets the sign-in page hydrate with no violation', async ({ page }) => {
    const violations = await recordViolations(page);
    await page.goto('/login');
    // The button is enabled only once React has hydrated: the scripts ran.
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(violations).toEqual([]);
  });

  test.describe('on the clinic pages', () => {
    test.use(signedInAs('northsideAdmin'));
    const PAGES = [
      '/',
      '/patients',
      '/patients/new',
      '/appointments',
      '/appointments/new',
      '/exports',
      '/members',
      '/settings',
      '/audit',
    ];
    test('every main page loads and hydrates with no violation', async ({ page }) => {
      const violations = await recordViolations(page);
      for (const path of PAGES) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        // The header's sign-out button answers clicks only once the page's scripts have run.
        await hydrated(page.getByRole('button', { name: 'Sign out' }));
        expect(violations, path).toEqual([]);
      }
    });
  });
});
