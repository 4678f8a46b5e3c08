import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screens`: the same server and sign-in setup as the e2e suite, running only
 * e2e/screens.shot.ts, which writes docs/screens/*.png. Its file name keeps it out of the normal
 * run (that one matches *.spec.ts and *.setup.ts).
 */
export default defineConfig({
  ...base,
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts$/ },
    {
      name: 'screens',
      dependencies: ['setup'],
      testMatch: /screens\.shot\.ts$/,
      use: { ...base.projects?.[1]?.use },
    },
  ],
});
