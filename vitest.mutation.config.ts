import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The suites Stryker runs (stryker.config.mjs, `npm run test:mutation`): those that exercise the
 * guard modules it mutates. The whole suite would prove no more about those files and take many
 * times as long per mutant; the property test and the crash test (46 s and 21 s, one test each)
 * stay out for the same reason and run in `npm test` as always.
 */
export const GUARD_SUITES = [
  'db/tenant-{isolation,scope,embedded,stream,pg}.int.test.ts',
  'db/control/sessions.int.test.ts',
  'lib/auth/*.test.ts',
  'lib/auth/mfa/*.test.ts',
  'lib/control/support/support-access.int.test.ts',
  'lib/security/*.test.ts',
  'lib/api/*.int.test.ts',
  'lib/actions/**/*.int.test.ts',
  'lib/exports/download.int.test.ts',
  'lib/exports/idempotency.int.test.ts',
  'lib/exports/exports.int.test.ts',
  'lib/data/staff.int.test.ts',
  'lib/data/patient-summary-print.int.test.ts',
  'lib/retention/retention.int.test.ts',
  'lib/retention/batches.int.test.ts',
  'lib/counters.int.test.ts',
  'lib/data/patients.int.test.ts',
  'lib/data/portal-accounts.int.test.ts',
  'test/isolation-matrix.int.test.ts',
];

export default defineConfig({ ...base, test: { ...base.test, include: GUARD_SUITES } });
