import { defineConfig } from 'vitest/config';
import tsconfigPaths from 'vite-tsconfig-paths';

/**
 * The suites a wall mode runs (`WALLS=wall1|wall2|wall3`, test/walls.ts; `npm run test:walls`):
 * the isolation suites and the property test in every mode; the route/action matrix and the
 * suites that prove a data-layer clinic filter (patient search and list, retention) where wall 1
 * or wall 2 stands, since each of those alone must keep reads, updates and deletes in the clinic.
 * The composite keys (wall 3) promise none of that, only refused cross-clinic references.
 */
const CORE = ['db/tenant-isolation.int.test.ts', 'db/tenant-property.int.test.ts'];
const READ_WRITE = [
  'test/isolation-matrix.int.test.ts',
  'lib/data/patients.int.test.ts',
  'lib/data/patient-list.int.test.ts',
  'lib/retention/retention.int.test.ts',
];
const WALL_SUITES: Record<string, string[]> = {
  all: ['**/*.test.ts', '**/*.test.tsx'],
  wall1: [...CORE, ...READ_WRITE],
  wall2: [...CORE, ...READ_WRITE],
  wall3: CORE,
};
const mode = process.env.WALLS || 'all';
if (!WALL_SUITES[mode]) throw new Error(`WALLS=${mode}: expected wall1, wall2, wall3 or all`);

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: WALL_SUITES[mode],
    // .stryker-tmp holds Stryker's sandbox copies of the tests while `npm run test:mutation` runs.
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.data/**', '.stryker-tmp/**'],
    setupFiles: ['./test/setup.ts'],
    globalSetup: ['./test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // next-auth imports `next/server` without an extension, which only a bundler resolves.
    server: { deps: { inline: ['next-auth'] } },
  },
});
