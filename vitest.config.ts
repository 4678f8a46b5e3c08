import { defineConfig } from 'vitest/config';
import tsconfigPaths from 'vite-tsconfig-paths';
import { WALL_SUITES, wallMode } from './test/walls';

// A wall mode (WALLS=wall1|wall2|wall3, test/walls.ts) runs only the suites written for it.
const mode = wallMode();

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: mode === 'all' ? ['**/*.test.ts', '**/*.test.tsx'] : WALL_SUITES[mode],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.data/**'],
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
