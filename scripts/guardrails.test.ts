import { describe, expect, it } from 'vitest';
import {
  collectFiles,
  findTenantTables,
  formatReport,
  isDebugSegment,
  scan,
  type RuleId,
  type SourceText,
} from './guardrails';

const SCHEMA: SourceText = {
  path: 'db/schema/patients.ts',
  text: `
    import { tenantTable } from './tenant-table';
    export const patients = tenantTable('patients', { mrn: text('mrn') });
    export const clinicSettings = tenantTable('clinic_settings', {});
    export const notTenant = pgTable('roles', {});
  `,
};

function violations(rule: RuleId, ...files: SourceText[]) {
  return scan([SCHEMA, ...files]).filter((v) => v.rule === rule);
}

const file = (path: string, text: string): SourceText => ({ path, text });

describe('findTenantTables', () => {
  it('finds every tenantTable() declaration with its SQL name', () => {
    expect(findTenantTables([SCHEMA])).toEqual([
      { name: 'patients', sqlName: 'patients', file: 'db/schema/patients.ts' },
      { name: 'clinicSettings', sqlName: 'clinic_settings', file: 'db/schema/patients.ts' },
    ]);
  });

  it('finds the real tenant tables of this repository', () => {
    const names = findTenantTables(collectFiles(process.cwd())).map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'patients',
        'appointments',
        'clinicSettings',
        'fileAttachments',
        'auditEvents',
      ]),
    );
  });
});

describe('raw-db-client', () => {
  it('reports the database client and drivers imported outside db/', () => {
    const found = violations(
      'raw-db-client',
      file('lib/data/patients.ts', `import { getDb } from '@/db/client';`),
      file('app/api/x/route.ts', `import { getDb } from '../../../db/client';`),
      file('lib/x.ts', `import pg from 'pg';\nconst m = await import('drizzle-orm/pglite');`),
      file('components/y.tsx', `export { PGlite } from '@electric-sql/pglite';`),
    );
    expect(found.map((v) => `${v.file}:${v.line}`)).toEqual([
      'app/api/x/route.ts:1',
      'components/y.tsx:1',
      'lib/data/patients.ts:1',
      'lib/x.ts:1',
      'lib/x.ts:2',
    ]);
  });

  it('allows db/, scripts/, test/ and bench/', () => {
    expect(
      violations(
        'raw-db-client',
        file('db/tenant.ts', `import { getDb } from './client';`),
        file('scripts/migrate.ts', `import { getDb } from '@/db/client';`),
        file('test/db.ts', `import pg from 'pg';`),
        file('bench/database.ts', `import { PGlite } from '@electric-sql/pglite';`),
      ),
    ).toEqual([]);
  });

  it('reports sql.raw outside db/, test/ and bench/, but not the words in a string', () => {
    const found = violations(
      'raw-db-client',
      file('lib/data/search.ts', `const q = sql.raw(input);\nconst s = 'sql.raw is bad';`),
      file('scripts/seed.ts', `sql['raw']('x')`),
      file('db/migrate.ts', `sql.raw('x')`),
    );
    expect(found.map((v) => `${v.file}:${v.line}`)).toEqual([
      'lib/data/search.ts:1',
      'scripts/seed.ts:1',
    ]);
  });
});

describe('tenant-query-bypass', () => {
  it('reports a tenant table queried through a raw handle', () => {
    const found = violations(
      'tenant-query-bypass',
      file(
        'lib/auth/leak.ts',
        `import { getDb } from '@/db/client';
         import { patients as p } from '@/db/schema';
         export const all = () => getDb().db.select().from(p);`,
      ),
      file(
        'lib/jobs/leak.ts',
        `import { listClinics } from '@/db/control/clinics';
         import * as schema from '@/db/schema';
         export const f = (db) => db.insert(schema.clinicSettings).values({});`,
      ),
    );
    expect(found.map((v) => `${v.file}:${v.line}`)).toEqual([
      'lib/auth/leak.ts:3',
      'lib/jobs/leak.ts:3',
    ]);
  });

  it('reports hand-written SQL on a tenant table next to a raw handle', () => {
    const found = violations(
      'tenant-query-bypass',
      file(
        'scripts/report.ts',
        `import { getDb } from '@/db/client';
         await getDb().db.execute(sql\`select count(*) from "clinic_settings" where x = \${y}\`);`,
      ),
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/clinic_settings/);
  });

  it('reports hand-written SQL naming a tenant table anywhere, raw handle or not', () => {
    const found = violations(
      'tenant-query-bypass',
      file(
        'lib/data/sneaky.ts',
        `export const ids = (t) =>
           t.from(clinicSettings).where(sql\`key in (select mrn from patients)\`);
         const fine = sql\`substring(\${x} from 2)\`;`,
      ),
    );
    expect(found.map((v) => `${v.file}:${v.line} ${v.message}`)).toEqual([
      'lib/data/sneaky.ts:2 hand-written SQL on tenant table patients outside tenantDb',
    ]);
  });

  it('reports any tenant table in the control plane', () => {
    const found = violations(
      'tenant-query-bypass',
      file(
        'db/control/stats.ts',
        `import { getDb } from '../client';
         import { clinics, patients } from '../schema';
         export const n = () => getDb().db.select().from(patients);`,
      ),
    );
    expect(found.map((v) => v.line)).toEqual([2, 3]);
  });

  it('accepts tenant tables reached through tenantDb, even beside the control plane', () => {
    expect(
      violations(
        'tenant-query-bypass',
        file(
          'db/seed/demo.ts',
          `import { createClinic } from '../control/clinics';
           import { patients, clinicSettings } from '../schema';
           import { tenantDb, type TenantScope } from '../tenant';
           const c = await createClinic(actor, {});
           await tenantDb(c.id).transaction(async (t) => {
             await t.insert(patients, []);
             await t.from(patients).innerJoin(clinicSettings, x);
           });
           const scope = tenantDb(c.id);
           await scope.transaction((u) => u.delete(patients, undefined));
           async function f(t: TenantScope) { return t.from(clinicSettings); }`,
        ),
        // No raw handle at all: the tenant plane proper.
        file(
          'lib/data/patients.ts',
          `import { patients } from '@/db/schema';
           export const list = (ctx) => ctx.db.transaction((t) => t.from(patients));`,
        ),
      ),
    ).toEqual([]);
  });
});

describe('role-name-authz', () => {
  it('reports role names in comparisons, switch cases and membership tests', () => {
    const found = violations(
      'role-name-authz',
      file(
        'lib/actions/x.ts',
        `if (session.role === 'doctor') {}
         if ('nurse' !== role) {}
         switch (role) { case 'clinic_admin': break; }
         if (['receptionist', 'doctor'].includes(role)) {}
         if (roles.includes('system_admin')) {}
         if (new Set(['doctor']).has(role)) {}`,
      ),
      file('middleware.ts', `if (token.role == "system_admin") {}`),
    );
    expect(found.map((v) => `${v.file}:${v.line}`)).toEqual([
      'lib/actions/x.ts:1',
      'lib/actions/x.ts:2',
      'lib/actions/x.ts:3',
      'lib/actions/x.ts:4',
      'lib/actions/x.ts:4',
      'lib/actions/x.ts:5',
      'lib/actions/x.ts:6',
      'middleware.ts:1',
    ]);
  });

  it('ignores the catalogue, tests, seeds, non-comparisons and code outside the app', () => {
    expect(
      violations(
        'role-name-authz',
        file('lib/auth/permissions.ts', `if (roleId === 'doctor') {}`),
        file('lib/auth/x.test.ts', `expect(role === 'doctor')`),
        file('db/seed/demo.ts', `if (m.role === 'doctor') {}`),
        file('scripts/seed.ts', `if (m.role === 'nurse') {}`),
        file('lib/data/members.ts', `const label = { doctor: 'Doctor' }; const r = 'doctor';`),
        file('lib/x.ts', `if (status === 'scheduled') {}`),
      ),
    ).toEqual([]);
  });
});

describe('debug-endpoints', () => {
  it('reports routes under debug/test/seed path segments', () => {
    const found = violations(
      'debug-endpoints',
      file('app/api/debug/route.ts', `export async function GET() {}`),
      file('app/test/page.tsx', `export default function Page() {}`),
      file('app/(clinic)/_debug/page.tsx', `export default function Page() {}`),
      file('app/api/__seed/route.ts', `export async function POST() {}`),
      file('app/(dev)/tools/page.tsx', `export default function Page() {}`),
    );
    expect(found.map((v) => v.file)).toEqual([
      'app/(clinic)/_debug/page.tsx',
      'app/(dev)/tools/page.tsx',
      'app/api/__seed/route.ts',
      'app/api/debug/route.ts',
      'app/test/page.tsx',
    ]);
  });

  it('reports route handlers exporting debug-like functions', () => {
    const found = violations(
      'debug-endpoints',
      file(
        'app/api/patients/route.ts',
        `export async function GET() {}\nexport const debugDump = () => {};\nexport { reset as seedDemo };`,
      ),
    );
    expect(found.map((v) => v.line)).toEqual([2, 3]);
  });

  it('accepts ordinary routes, including words that merely contain "test"', () => {
    expect(
      violations(
        'debug-endpoints',
        file('app/(clinic)/lab-tests/page.tsx', `export default function Page() {}`),
        file('app/api/devices/route.ts', `export async function GET() {}`),
        file('app/api/inngest/route.ts', `export const { GET, POST, PUT } = serve({});`),
      ),
    ).toEqual([]);
    expect(isDebugSegment('[...debugPath]')).toBe(true);
    expect(isDebugSegment('latest')).toBe(false);
  });
});

describe('unlisted-server-action', () => {
  it("reports an inline 'use server' action in a .tsx page, in any kind of function", () => {
    const found = violations(
      'unlisted-server-action',
      file(
        'app/(clinic)/patients/[id]/page.tsx',
        `export default async function Page() {
           async function rename(form: FormData) {
             'use server';
             await save(form);
           }
           return <form action={rename}><button>Save</button></form>;
         }`,
      ),
      file(
        'components/patients/delete-button.tsx',
        `export function DeleteButton({ id }: { id: string }) {
           const remove = async () => {
             "use strict";
             "use server";
             await drop(id);
           };
           return <button formAction={remove}>Delete</button>;
         }`,
      ),
      file('lib/data/x.ts', `export const o = { async m() { 'use server'; } };`),
    );
    expect(found.map((v) => `${v.file}:${v.line}`)).toEqual([
      'app/(clinic)/patients/[id]/page.tsx:3',
      'components/patients/delete-button.tsx:4',
      'lib/data/x.ts:1',
    ]);
  });

  it("reports a 'use server' module the endpoint inventory does not scan", () => {
    const found = violations(
      'unlisted-server-action',
      file('hooks/actions.ts', `'use server';\nexport async function wipe() {}`),
    );
    expect(found.map((v) => `${v.file}:${v.line}`)).toEqual(['hooks/actions.ts:1']);
  });

  it("accepts module-level 'use server' in lib/actions, and the words elsewhere", () => {
    expect(
      violations(
        'unlisted-server-action',
        file('lib/actions/patients/create-patient.ts', `'use server';\nexport const a = 1;`),
        file('app/page.tsx', `export default function P() { log('x'); 'use server'; }`),
        file('lib/x.ts', `const s = 'use server';`),
        file('test/probe.ts', `async function f() { 'use server'; }`),
      ),
    ).toEqual([]);
  });
});

describe('test-only-walls', () => {
  it('reports code that ships importing test code or reading the WALLS switch', () => {
    const found = violations(
      'test-only-walls',
      file('db/tenant.ts', `import { standing } from '@/test/walls';`),
      file('lib/x.ts', `import { world } from '../test/fixtures';\nconst m = process.env.WALLS;`),
      file('lib/y.ts', `const a = process.env['WALLS'];\nconst { WALLS: w } = process.env;`),
      file('app/page.tsx', `const { WALLS } = process.env;`),
    );
    expect(found.map((v) => `${v.file}:${v.line}`)).toEqual([
      'app/page.tsx:1',
      'db/tenant.ts:1',
      'lib/x.ts:1',
      'lib/x.ts:2',
      'lib/y.ts:1',
      'lib/y.ts:2',
    ]);
  });

  it('allows tests, test helpers and the test runner config', () => {
    expect(
      violations(
        'test-only-walls',
        file('test/setup.ts', `import { standing } from './walls';`),
        file('db/tenant-isolation.int.test.ts', `import { standing } from '@/test/walls';`),
        file('vitest.config.ts', `import { wallMode } from './test/walls';`),
        file('test/walls.ts', `const mode = process.env.WALLS;`),
        file('lib/walls.ts', `const WALLS = 3; const env = process.env.OTHER;`),
      ),
    ).toEqual([]);
  });
});

describe('formatReport', () => {
  it('prints every rule with its count and lists offenders under nonzero ones', () => {
    const report = formatReport(
      violations('raw-db-client', file('lib/x.ts', `import pg from 'pg';`)),
    );
    expect(report.split('\n')).toEqual([
      'raw-db-client: 1',
      expect.stringMatching(/^ {2}lib\/x\.ts:1 {2}imports pg/),
      'tenant-query-bypass: 0',
      'role-name-authz: 0',
      'debug-endpoints: 0',
      'unlisted-server-action: 0',
      'test-only-walls: 0',
    ]);
  });
});
