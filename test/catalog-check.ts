/**
 * The database catalog the walls rely on, checked object by object (docs/INVARIANTS.md rows 2, 3
 * and 23). `catalogProblems` returns a list of problems instead of asserting, so that
 * db/catalog.int.test.ts can both require a clean catalog and prove, inside rolled-back
 * transactions, that each kind of breach is reported.
 *
 * Every table in `public` is either a tenant table (declared with `tenantTable()`, RLS enabled and
 * forced, exactly one policy: the clinic comparison) or a system table listed by name with its
 * exact policies. Grants to anyone but the owner, and SECURITY DEFINER functions, are allowed only
 * as listed. The lists are in test/catalog-expected.ts.
 */
import { is, type SQL, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import * as schema from '@/db/schema';
import { TENANT_ROLE } from '@/db/schema';
import {
  COLUMN_GRANTS,
  PINNED_SEARCH_PATH,
  SECURITY_DEFINER_ALLOW_LIST,
  SYSTEM_TABLES,
  TABLE_GRANTS,
  tenantPolicy,
  type PolicySpec,
} from './catalog-expected';

/** Anything drizzle can execute on: the database handle or an open transaction. */
export interface Executor {
  execute(query: SQL): Promise<unknown>;
}

async function rows<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as { rows: T[] }).rows;
}

/** The tables declared with tenantTable() in db/schema (they carry the clinic policy). */
export function declaredTenantTables(): string[] {
  return (Object.values(schema) as unknown[])
    .filter((t): t is PgTable => is(t, PgTable))
    .map((t) => getTableConfig(t))
    .filter((c) => c.policies.length > 0 && c.columns.some((col) => col.name === 'clinic_id'))
    .map((c) => c.name)
    .sort();
}

const normalise = (expr: string | null) =>
  expr === null ? null : expr.replace(/\s+/g, ' ').trim();
const COMMANDS: Record<string, string> = {
  '*': 'ALL',
  r: 'SELECT',
  a: 'INSERT',
  w: 'UPDATE',
  d: 'DELETE',
};

function policyProblems(table: string, actual: PolicySpec[], expected: PolicySpec[]): string[] {
  const problems: string[] = [];
  for (const want of expected) {
    const got = actual.find((p) => p.name === want.name);
    if (!got) {
      problems.push(`${table}: policy ${want.name} is missing`);
      continue;
    }
    const shown = (p: PolicySpec) => ({
      kind: p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE',
      command: COMMANDS[p.command],
      roles: p.roles.join(','),
      USING: p.using,
      'WITH CHECK': p.check,
    });
    const [have, need] = [shown(got), shown(want)];
    for (const key of Object.keys(need) as (keyof typeof need)[])
      if (have[key] !== need[key])
        problems.push(
          `${table}: policy ${want.name} ${key} is ${have[key]}, expected ${need[key]}`,
        );
  }
  for (const extra of actual.filter((p) => !expected.some((e) => e.name === p.name)))
    problems.push(
      `${table}: unexpected ${extra.permissive ? 'permissive' : 'restrictive'} policy ${extra.name} ` +
        `(${COMMANDS[extra.command]} TO ${extra.roles.join(',')} USING ${extra.using ?? '-'} WITH CHECK ${extra.check ?? '-'})`,
    );
  return problems;
}

async function tableProblems(db: Executor): Promise<string[]> {
  const problems: string[] = [];
  const relations = await rows<{
    name: string;
    kind: string;
    rls: boolean;
    forced: boolean;
    clinic_id: boolean;
  }>(
    db,
    sql`select c.relname as name, c.relkind as kind, c.relrowsecurity as rls,
          c.relforcerowsecurity as forced,
          exists (select 1 from pg_attribute a where a.attrelid = c.oid
                  and a.attname = 'clinic_id' and not a.attisdropped) as clinic_id
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')`,
  );
  const policies = await rows<PolicySpec & { table: string }>(
    db,
    sql`select c.relname as table, p.polname as name, p.polpermissive as permissive,
          p.polcmd::text as command,
          array(select case when r = 0 then 'public' else pg_get_userbyid(r)::text end
                from unnest(p.polroles) r order by 1) as roles,
          pg_get_expr(p.polqual, p.polrelid) as using,
          pg_get_expr(p.polwithcheck, p.polrelid) as check
        from pg_policy p join pg_class c on c.oid = p.polrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' order by 2`,
  );
  const declared = declaredTenantTables();
  for (const rel of relations) {
    const mine = policies
      .filter((p) => p.table === rel.name)
      .map((p) => ({ ...p, using: normalise(p.using), check: normalise(p.check) }));
    if (rel.kind !== 'r' && rel.kind !== 'p') {
      problems.push(`${rel.name}: unexpected relation of kind ${rel.kind} (views bypass policies)`);
      continue;
    }
    const system = SYSTEM_TABLES[rel.name];
    if (system) {
      const rls = rel.forced ? 'forced' : rel.rls ? 'enabled' : 'off';
      if (rls !== system.rls) problems.push(`${rel.name}: RLS is ${rls}, expected ${system.rls}`);
      problems.push(...policyProblems(rel.name, mine, system.policies));
      continue;
    }
    if (!declared.includes(rel.name))
      problems.push(`${rel.name}: neither a tenantTable() declaration nor a listed system table`);
    if (!rel.clinic_id) problems.push(`${rel.name}: tenant table without clinic_id`);
    if (!rel.rls || !rel.forced) problems.push(`${rel.name}: RLS must be enabled and forced`);
    problems.push(...policyProblems(rel.name, mine, [tenantPolicy(rel.name)]));
  }
  for (const name of declared)
    if (!relations.some((r) => r.name === name))
      problems.push(`${name}: declared with tenantTable() but missing from the database`);
  return problems;
}

/** `what grantee PRIVILEGE` lines, compared as sets against the expected map. */
function grantProblems(
  actual: { object: string; grantee: string; privilege: string }[],
  expected: Record<string, Record<string, string[]>>,
): string[] {
  const line = (object: string, grantee: string, privilege: string) =>
    `${object}: ${privilege} to ${grantee}`;
  const have = new Set(actual.map((g) => line(g.object, g.grantee, g.privilege)));
  const want = new Set(
    Object.entries(expected).flatMap(([object, byGrantee]) =>
      Object.entries(byGrantee).flatMap(([grantee, privileges]) =>
        privileges.map((p) => line(object, grantee, p)),
      ),
    ),
  );
  return [
    ...[...have].filter((g) => !want.has(g)).map((g) => `unexpected grant ${g}`),
    ...[...want].filter((g) => !have.has(g)).map((g) => `missing grant ${g}`),
  ].sort();
}

async function privilegeProblems(db: Executor): Promise<string[]> {
  const grantee = sql`case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee)::text end`;
  const tables = await rows<{ object: string; grantee: string; privilege: string }>(
    db,
    sql`select c.relname as object, ${grantee} as grantee, a.privilege_type as privilege
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        cross join lateral aclexplode(c.relacl) a
        where n.nspname = 'public' and a.grantee <> c.relowner`,
  );
  const columns = await rows<{ object: string; grantee: string; privilege: string }>(
    db,
    sql`select c.relname || '.' || at.attname as object, ${grantee} as grantee,
          a.privilege_type as privilege
        from pg_attribute at join pg_class c on c.oid = at.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        cross join lateral aclexplode(at.attacl) a
        where n.nspname = 'public' and a.grantee <> c.relowner`,
  );
  const [role] = await rows<{ create: boolean; member_of: string[] }>(
    db,
    sql`select has_schema_privilege(${TENANT_ROLE}, 'public', 'CREATE') as create,
          array(select pg_get_userbyid(m.roleid)::text from pg_auth_members m
                where m.member = ${TENANT_ROLE}::regrole order by 1) as member_of`,
  );
  return [
    ...grantProblems(tables, TABLE_GRANTS),
    ...grantProblems(columns, COLUMN_GRANTS),
    ...(role?.create ? [`${TENANT_ROLE} may CREATE in schema public`] : []),
    // Membership would hand it another role's privileges (pg_read_all_data reads password hashes).
    ...(role?.member_of.length
      ? [`${TENANT_ROLE} is a member of ${role.member_of.join(', ')}`]
      : []),
  ];
}

async function definerProblems(db: Executor): Promise<string[]> {
  const functions = await rows<{ signature: string; config: string[] | null; executors: string[] }>(
    db,
    sql`select n.nspname || '.' || p.proname || '(' || oidvectortypes(p.proargtypes) || ')' as signature,
          p.proconfig as config,
          array(select case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee)::text end
                from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                where a.grantee <> p.proowner and a.privilege_type = 'EXECUTE' order by 1) as executors
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')`,
  );
  const problems: string[] = [];
  for (const fn of functions) {
    const spec = SECURITY_DEFINER_ALLOW_LIST[fn.signature];
    if (!spec)
      problems.push(
        `${fn.signature}: SECURITY DEFINER but not on the allow-list (with its reason)`,
      );
    if (!(fn.config ?? []).includes(PINNED_SEARCH_PATH))
      problems.push(`${fn.signature}: SECURITY DEFINER without ${PINNED_SEARCH_PATH}`);
    const executors = fn.executors.join(',');
    if (spec && executors !== [...spec.executableBy].sort().join(','))
      problems.push(
        `${fn.signature}: executable by ${executors || 'nobody'}, expected ${spec.executableBy.join(',')}`,
      );
  }
  for (const signature of Object.keys(SECURITY_DEFINER_ALLOW_LIST))
    if (!functions.some((f) => f.signature === signature))
      problems.push(`${signature}: on the allow-list but not in the database`);
  return problems;
}

/** Everything that differs from the expected catalog; [] when it is exactly as listed. */
export async function catalogProblems(db: Executor): Promise<string[]> {
  return [
    ...(await tableProblems(db)),
    ...(await privilegeProblems(db)),
    ...(await definerProblems(db)),
  ];
}
