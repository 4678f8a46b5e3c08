import { defineConfig } from '@playwright/test';
import base from './playwright.config';
import { E2E_AUTH_SECRET, INSTANCES_SMTP_URL, INSTANCE_URLS } from './e2e/constants';

/**
 * `npm run test:instances`: e2e/two-instances.multi.ts against two `next start` of the same build
 * on one Postgres database (INSTANCES_DATABASE, recreated and seeded by the first) and one
 * storage directory, as a deployment of several machines runs (docs/scaling.md). Playwright
 * starts the servers in order: B joins once A is up. Postgres only: PGlite is one process's.
 */
const [A, B] = INSTANCE_URLS;
const DATABASE = process.env.INSTANCES_DATABASE ?? 'clinic_e2e_instances';

function instance(url: string, join: boolean) {
  return {
    command: 'bash e2e/serve.sh',
    url: `${url}/api/health`,
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      E2E_PORT: new URL(url).port,
      E2E_DATABASE: DATABASE,
      E2E_STORAGE_DIR: '.data/instances-storage',
      ...(join ? { E2E_JOIN: '1' } : {}),
      NODE_ENV: 'production',
      AUTH_SECRET: E2E_AUTH_SECRET,
      AUTH_URL: A,
      // Several instances: production refuses local disk and in-process jobs unless declared
      // (lib/env.ts). The directory is shared here, and jobs run where they were asked.
      APP_INSTANCES: '2',
      STORAGE_DIR_SHARED: '1',
      JOBS_DRIVER: 'inline',
      ALLOW_INLINE_JOBS: '1',
      SMTP_URL: INSTANCES_SMTP_URL,
      MAIL_FROM: 'Clinic e2e <no-reply@e2e.test>',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  };
}

export default defineConfig({
  ...base,
  globalSetup: undefined,
  workers: 1,
  // The export test waits for a job; the throttle test waits out three locks (about 8 s).
  timeout: 60_000,
  use: { ...base.use, baseURL: A },
  projects: [{ name: 'instances', testMatch: /\.multi\.ts$/ }],
  webServer: [instance(A, false), instance(B, true)],
});
