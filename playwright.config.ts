import { defineConfig, devices } from '@playwright/test';
import { E2E_AUTH_SECRET, E2E_BASE_URL, E2E_PORT, E2E_SMTP_PORT } from './e2e/constants';

/**
 * Playwright drives Debian's Chromium (no browser download is possible on these machines) against
 * `next start` on a freshly migrated and seeded database (e2e/serve.sh). The `setup` project signs
 * each demo role in once and stores its session under e2e/.auth/; specs pick one with
 * `test.use(signedInAs(role))` (e2e/helpers.ts).
 */
const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  // A real SMTP server for the e2e server's mail; specs read it through e2e/mailbox.ts.
  globalSetup: './e2e/global-setup.ts',
  // Spec files run in parallel on two workers (a 2-core machine), in CI too: one worker took twice
  // as long against the 20-minute budget. Tests inside a file run in order.
  fullyParallel: false,
  workers: 2,
  forbidOnly: CI,
  // A flake is a failure: CI gives a failed test one more run only to report it as flaky, and
  // failOnFlakyTests then fails the run anyway. Never a silent pass.
  retries: CI ? 1 : 0,
  failOnFlakyTests: CI,
  reporter: 'list',
  timeout: 30_000,
  // Server actions and first renders share two cores with Chromium and the server.
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts$/ },
    {
      name: 'chromium',
      dependencies: ['setup'],
      use: { ...devices['Desktop Chrome'] },
    },
  ],
  webServer: {
    // Builds when .next is missing or older than the sources (E2E_SKIP_BUILD=1 skips), recreates
    // the e2e database, then execs `next start`.
    command: 'bash e2e/serve.sh',
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: !CI,
    // Generous: a build on two busy cores has taken over four minutes here.
    timeout: 600_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      E2E_PORT: String(E2E_PORT),
      NODE_ENV: 'production',
      AUTH_SECRET: E2E_AUTH_SECRET,
      AUTH_URL: E2E_BASE_URL,
      // One machine, no Inngest: jobs run in-process (lib/env.ts refuses production without it).
      JOBS_DRIVER: 'inline',
      // Production refuses to start without mail (lib/env.ts): it goes to the capture that
      // e2e/global-setup.ts runs for the whole test run.
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      MAIL_FROM: 'Clinic e2e <no-reply@e2e.test>',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
