// @ts-check
/**
 * Mutation testing of the guard modules (docs/mutation-testing.md): `npm run test:mutation`, with
 * DATABASE_URL set (PGlite works, many times slower). Every mutant of these files must be killed by
 * a test, or be listed there as equivalent.
 *
 * The script runs the tests with WALLS=wall1 (test/walls.ts): row-level security and the composite
 * keys are taken away, so a mutant that drops the data layer's clinic filter is seen by the
 * isolation tests instead of being hidden by the walls behind it. The data layer must hold alone.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: [
    // The tenant data layer (wall 1).
    'db/tenant.ts',
    'db/tenant-pg.ts',
    'db/tenant-statements.ts',
    'db/tenant-stream.ts',
    'db/scoped-select.ts',
    // Clinic context, session and page checks.
    'lib/auth/context.ts',
    'lib/auth/stale-page.ts',
    'lib/auth/page-stamp.ts',
    'lib/auth/session.ts',
    'lib/auth/claims.ts',
    'lib/auth/request-reads.ts',
    'db/control/sessions.ts',
    // Route handlers and server actions.
    'lib/api/with-clinic.ts',
    'lib/actions/safe-action.ts',
    // The download route's data access.
    'lib/data/downloads.ts',
    'lib/files/attachments.ts:80-87',
    // The retention purge.
    'lib/retention/purge.ts',
    'lib/retention/soft-delete.ts',
    // The MRN counter and the draw (highestMrnNumber, drawMrn).
    'lib/counters.ts',
    'lib/data/patients.ts:101-130',
    'lib/patients/constants.ts:15-18',
    // The first gate, the sign-in redirect rule, same-site writes.
    'middleware.ts',
    'lib/auth/sign-in-rules.ts',
    'lib/security/origin.ts',
    // Server-action bodies refused before Next parses them, and the client address the throttle keys on.
    'lib/security/action-request.ts',
    'lib/auth/request-meta.ts',
    // Booking rules: only practitioners, no start in the past, working hours unless confirmed.
    'lib/data/staff.ts:94-116',
    'lib/data/booking-rules.ts:55-69',
    // One export per intention (the idempotency key), and the printed summary's audit and 404.
    'lib/data/exports.ts:122-170',
    'lib/data/patient-summary-print.ts',
  ],
  testRunner: 'vitest',
  // All of that config's suites: vitest's "related" look-up misses the tests that import a route
  // under a bracketed folder (app/file/download/[attachmentId]), such as the isolation matrix.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // The sandbox needs the sources, not the test databases, builds and reports of the work tree.
  // Anchored with `/`: a bare `reports` would also drop lib/reports/, and every suite importing it
  // would then fail to load, which the vitest runner does not report (its tests just go missing).
  ignorePatterns: [
    '/.data',
    '/.next',
    '/e2e',
    '/reports',
    '/test-results',
    '/playwright-report',
    '/bench',
  ],
  // Below 90% killed the run fails (exit code 1): the bar docs/INVARIANTS.md sets.
  thresholds: { high: 95, low: 90, break: 90 },
  concurrency: 2,
  // Added to each mutant's own test time. A mutant that loops or leaks a pooled client is cut off
  // after this; the app pool's 10-second client wait (db/client.ts) makes most leaks fail sooner,
  // as a kill. At 60 s, a few dozen such mutants took most of a full run.
  timeoutMS: 15_000,
  // The dry run (every suite once, with coverage) takes about 2-3 minutes on a quiet machine;
  // Stryker's default limit of 5 would fail the whole run on a busy one.
  dryRunTimeoutMinutes: 15,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
