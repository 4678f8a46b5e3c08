// ESLint flat config (`npm run lint` = `eslint .`). Besides the usual recommended sets it guards
// the walls between clinics (docs/INVARIANTS.md): where raw database clients, the control plane and
// `sql.raw` may be used. scripts/guardrails.ts repeats these checks (and a few ESLint cannot
// express) as a second, independent gate.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import drizzle from 'eslint-plugin-drizzle';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];

// An import path that names a project directory, as `@/dir/...` or relatively (`../../dir/...`).
const projectPath = (dir) => `^(?:@/|(?:\\.\\.?/)+)${dir}(?:/.*)?$`;

/** Raw connections: only db/ opens them (db/client.ts). */
const RAW_CLIENT = [
  {
    regex: projectPath('db/client'),
    message:
      'Only db/ may import the database client. Tenant work goes through tenantDb (@/db/tenant); system-wide work through the control plane.',
  },
  {
    regex:
      '^(?:pg|pg-copy-streams|@electric-sql/pglite|drizzle-orm/node-postgres|drizzle-orm/pglite)(?:/.*)?$',
    message: 'Database drivers are used only inside db/ (db/client.ts makes every connection).',
  },
];

/** The control plane reads and writes across clinics; only its named consumers may import it. */
const CONTROL_PLANE = [
  {
    regex: projectPath('db/control'),
    message:
      'The control plane (@/db/control) is for app/admin, lib/auth, lib/control, lib/jobs, inngest (not functions/), scripts, tests and bench. Tenant-plane code uses tenantDb through lib/data.',
  },
];

/** UI receives DTOs; it never reaches the data layer. */
const UI_DATA = [
  { regex: projectPath('db'), message: 'components/ never imports db/: pass DTOs in as props.' },
  {
    regex: projectPath('lib/data'),
    message: 'components/ never imports lib/data: pages load data and pass DTOs in as props.',
  },
];

const restrictImports = (...groups) => ({
  'no-restricted-imports': groups.length ? ['error', { patterns: groups.flat() }] : 'off',
});

const SQL_RAW = {
  selector: "MemberExpression[object.name='sql'][property.name='raw']",
  message:
    'sql.raw splices text into SQL unescaped; it is allowed only inside db/, test/ and bench/. Use sql`` with parameters.',
};
/** User text is validated by one primitive that refuses control characters (a NUL was a 500). */
const USER_TEXT_MESSAGE =
  'User text goes through text() or multilineText() from @/lib/validation/text, which refuse control characters.';
const BARE_STRINGS = [
  {
    selector: "CallExpression[callee.object.name='z'][callee.property.name='string']",
    message: USER_TEXT_MESSAGE,
  },
  {
    selector:
      "MemberExpression[object.object.name='z'][object.property.name='coerce'][property.name='string']",
    message: USER_TEXT_MESSAGE,
  },
];
const restrictSyntax = (...rules) => ({ 'no-restricted-syntax': ['error', ...rules] });
const NO_SQL_RAW = restrictSyntax(SQL_RAW);
// Strings that are not user text: the environment, action metadata, and the primitive itself.
const NOT_USER_TEXT = ['lib/env.ts', 'lib/actions/safe-action.ts', 'lib/validation/text.ts'];

// Who may import the control plane: everything else is denied by default.
const CONTROL_PLANE_CONSUMERS = [
  'app/admin/**',
  'lib/auth/**',
  'lib/control/**',
  'lib/jobs/**',
  'inngest/**',
  'scripts/**',
  'test/**',
  'bench/**',
  'db/**',
];
// Inside inngest/, function bodies are tenant-plane code.
const TENANT_PLANE = ['app/(clinic)/**', 'lib/data/**', 'lib/actions/**', 'inngest/functions/**'];

export default defineConfig([
  globalIgnores([
    '.next/**',
    'node_modules/**',
    '.data/**',
    'db/migrations/**',
    'coverage/**',
    'playwright-report/**',
    'test-results/**',
    '.stryker-tmp/**',
    'reports/**',
    'next-env.d.ts',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,
  nextPlugin.flatConfig.coreWebVitals,

  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },

  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // No update or delete without a where clause on raw drizzle handles. Only `db` and `tx` (and
  // the `handle.db` / `getDb().db` forms, which end in `.db`) are raw drizzle objects here. The
  // tenant scope (`t.update(table, set, where)`, `t.delete(table, where)` in db/tenant.ts) takes
  // the condition as an argument and always adds `clinic_id = <clinic>` itself, so its names are
  // deliberately not listed: the rule would misread them as unfiltered chains.
  {
    files: TS,
    plugins: { drizzle },
    rules: {
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx', 'trx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx', 'trx'] }],
    },
  },

  // ---- The walls. Later blocks override earlier ones for the files they match. ----
  // Default for all code: no raw clients, no control plane, no sql.raw, no bare z.string().
  {
    rules: {
      ...restrictImports(RAW_CLIENT, CONTROL_PLANE),
      ...restrictSyntax(SQL_RAW, ...BARE_STRINGS),
    },
  },
  { files: [...NOT_USER_TEXT, 'scripts/**', ...TEST_FILES], rules: NO_SQL_RAW },
  // Named control-plane consumers: raw clients are still off-limits.
  { files: CONTROL_PLANE_CONSUMERS, rules: restrictImports(RAW_CLIENT) },
  // Tenant-plane code never reaches the control plane, even inside inngest/.
  { files: TENANT_PLANE, rules: restrictImports(RAW_CLIENT, CONTROL_PLANE) },
  // UI: no db/, no lib/data.
  { files: ['components/**'], rules: restrictImports(RAW_CLIENT, CONTROL_PLANE, UI_DATA) },
  // Explicit exceptions: db/ is the data layer; scripts migrate and seed through getDb; tests and
  // benchmarks hold raw connections on purpose (to prove the walls from outside).
  {
    files: ['db/**', 'scripts/**', 'test/**', 'bench/**', ...TEST_FILES],
    rules: restrictImports(),
  },
  { files: ['db/**', 'test/**', 'bench/**'], rules: { 'no-restricted-syntax': 'off' } },

  // Tests may use `any` and non-null assertions freely.
  {
    files: [...TEST_FILES, 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
]);
