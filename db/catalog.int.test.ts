import { sql, TransactionRollbackError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { catalogProblems, declaredTenantTables } from '@/test/catalog-check';
import { useTestDatabase } from '@/test/db';
import { TENANT_ROLE } from '@/db/schema';

const db = useTestDatabase();

async function query<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.handle().db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** Runs `statements` in a transaction, reads the checker's verdict there, then rolls back. */
async function problemsAfter(...statements: string[]): Promise<string[]> {
  let problems: string[] = [];
  await db
    .handle()
    .db.transaction(async (tx) => {
      // One statement per call: PGlite's extended protocol takes no multi-statement strings.
      for (const statement of statements) await tx.execute(sql.raw(statement));
      problems = await catalogProblems(tx);
      tx.rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof TransactionRollbackError)) throw err;
    });
  return problems;
}

describe('database catalog: wall 2 cannot be forgotten', () => {
  it('is exactly as listed: tenant policies, the system-table exceptions, grants, SECURITY DEFINER', async () => {
    expect(declaredTenantTables()).toEqual(
      expect.arrayContaining([
        'appointments',
        'audit_events',
        'clinic_settings',
        'file_attachments',
        'patients',
      ]),
    );
    expect(await catalogProblems(db.handle().db)).toEqual([]);
  });

  it('every tenant table has unique (clinic_id, id) and clinic-led indexes only', async () => {
    const indexes = await query<{ table: string; index: string; first: string }>(sql`
      select t.relname as table, i.relname as index,
        (select a.attname from pg_attribute a where a.attrelid = t.oid and a.attnum = x.indkey[0]) as first
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
      where exists (select 1 from pg_policy p where p.polrelid = t.oid)
        and exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attname = 'clinic_id')
        and t.relname not in ('clinic_memberships')
        and not x.indisprimary`);
    for (const ix of indexes) {
      expect(ix.first, `${ix.table}.${ix.index} must lead with clinic_id`).toBe('clinic_id');
    }
    const compositeUniques = await query<{ table: string }>(sql`
      select t.relname as table from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      where c.contype = 'u' and c.conname = t.relname || '_clinic_id_id_key'`);
    expect(compositeUniques.map((r) => r.table)).toEqual(
      expect.arrayContaining([
        'appointments',
        'audit_events',
        'clinic_settings',
        'file_attachments',
        'patients',
      ]),
    );
  });

  it('every foreign key between tenant tables is composite on clinic_id', async () => {
    const fks = await query<{ name: string; columns: string[] }>(sql`
      select c.conname as name,
        array(select a.attname::text from unnest(c.conkey) k join pg_attribute a
              on a.attrelid = c.conrelid and a.attnum = k) as columns
      from pg_constraint c
      join pg_class child on child.oid = c.conrelid
      join pg_class parent on parent.oid = c.confrelid
      where c.contype = 'f'
        and exists (select 1 from pg_attribute a where a.attrelid = parent.oid and a.attname = 'clinic_id')
        and exists (select 1 from pg_attribute a where a.attrelid = child.oid and a.attname = 'clinic_id')`);
    expect(fks.length).toBeGreaterThan(0);
    for (const fk of fks) expect(fk.columns, fk.name).toContain('clinic_id');
  });

  it('the tenant role owns nothing, cannot bypass RLS and is not a superuser', async () => {
    const [role] = await query<{ super: boolean; bypass: boolean; login: boolean }>(sql`
      select rolsuper as super, rolbypassrls as bypass, rolcanlogin as login
      from pg_roles where rolname = ${TENANT_ROLE}`);
    expect(role).toEqual({ super: false, bypass: false, login: false });
    const owned = await query<{ name: string }>(sql`
      select c.relname as name from pg_class c join pg_roles r on r.oid = c.relowner
      where r.rolname = ${TENANT_ROLE}`);
    expect(owned).toEqual([]);
  });
});

describe('the catalog checker reports each breach (made in a transaction that is rolled back)', () => {
  const problem = (text: string) => expect.arrayContaining([expect.stringContaining(text)]);

  it('an extra permissive policy that lets everything through', async () => {
    expect(
      await problemsAfter('create policy open_door on patients using (true) with check (true)'),
    ).toEqual(
      problem('patients: unexpected permissive policy open_door (ALL TO public USING true'),
    );
  });

  it('an extra restrictive policy, and one for a single command or role', async () => {
    const problems = await problemsAfter(
      'create policy tighter on appointments as restrictive using (true)',
      `create policy tenant_reads on exports for select to ${TENANT_ROLE} using (true)`,
    );
    expect(problems).toEqual(problem('appointments: unexpected restrictive policy tighter'));
    expect(problems).toEqual(
      problem(`exports: unexpected permissive policy tenant_reads (SELECT TO ${TENANT_ROLE}`),
    );
  });

  it('the clinic policy with another predicate, command or role', async () => {
    const problems = await problemsAfter(
      'alter policy patients_clinic_isolation on patients using (clinic_id is not null)',
      'alter policy audit_events_clinic_isolation on audit_events with check (true)',
      'drop policy file_attachments_clinic_isolation on file_attachments',
      `create policy file_attachments_clinic_isolation on file_attachments for update to ${TENANT_ROLE}
         using (clinic_id = nullif(current_setting('app.clinic_id', true), '')::uuid)
         with check (clinic_id = nullif(current_setting('app.clinic_id', true), '')::uuid)`,
    );
    expect(problems).toEqual(
      problem('patients: policy patients_clinic_isolation USING is (clinic_id IS NOT NULL)'),
    );
    expect(problems).toEqual(
      problem('audit_events: policy audit_events_clinic_isolation WITH CHECK is true'),
    );
    expect(problems).toEqual(
      problem('file_attachments: policy file_attachments_clinic_isolation command is UPDATE'),
    );
    expect(problems).toEqual(
      problem(`file_attachments: policy file_attachments_clinic_isolation roles is ${TENANT_ROLE}`),
    );
  });

  it('a missing clinic policy, RLS not forced, and a system view with a writable policy', async () => {
    const problems = await problemsAfter(
      'drop policy clinic_settings_clinic_isolation on clinic_settings',
      'alter table clinic_counters no force row level security',
      `create policy members_write on clinic_memberships for insert to ${TENANT_ROLE} with check (true)`,
      'alter table roles enable row level security',
    );
    expect(problems).toEqual(
      problem('clinic_settings: policy clinic_settings_clinic_isolation is missing'),
    );
    expect(problems).toEqual(problem('clinic_counters: RLS must be enabled and forced'));
    expect(problems).toEqual(
      problem('clinic_memberships: unexpected permissive policy members_write'),
    );
    expect(problems).toEqual(problem('roles: RLS is enabled, expected off'));
  });

  it('a new table that is neither tenantTable() nor listed, and a view', async () => {
    const problems = await problemsAfter(
      'create table notes (id uuid primary key, clinic_id uuid, body text)',
      'create view all_patients as select * from patients',
    );
    expect(problems).toEqual(
      problem('notes: neither a tenantTable() declaration nor a listed system table'),
    );
    expect(problems).toEqual(problem('notes: RLS must be enabled and forced'));
    expect(problems).toEqual(problem('all_patients: unexpected relation of kind v'));
  });

  it('grants beyond the expected ones, to the tenant role or to PUBLIC', async () => {
    const problems = await problemsAfter(
      `grant truncate on patients to ${TENANT_ROLE}`,
      `grant delete on audit_events to ${TENANT_ROLE}`,
      `grant select on user_sessions to ${TENANT_ROLE}`,
      `grant select (password_hash) on users to ${TENANT_ROLE}`,
      'grant select on clinic_settings to public',
      `revoke update on exports from ${TENANT_ROLE}`,
      `grant create on schema public to ${TENANT_ROLE}`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        `unexpected grant patients: TRUNCATE to ${TENANT_ROLE}`,
        `unexpected grant audit_events: DELETE to ${TENANT_ROLE}`,
        `unexpected grant user_sessions: SELECT to ${TENANT_ROLE}`,
        `unexpected grant users.password_hash: SELECT to ${TENANT_ROLE}`,
        'unexpected grant clinic_settings: SELECT to PUBLIC',
        `missing grant exports: UPDATE to ${TENANT_ROLE}`,
        `${TENANT_ROLE} may CREATE in schema public`,
      ]),
    );
  });

  it('the tenant role made a member of another role', async (ctx) => {
    // Only a superuser (or a role's admin) can grant role membership: not the plain owner CI
    // connects as on Postgres, so this runs on PGlite and against a superuser connection.
    const [me] = await query<{ super: boolean }>(
      sql`select rolsuper as super from pg_roles where rolname = current_user`,
    );
    if (!me?.super) ctx.skip();
    expect(await problemsAfter(`grant pg_read_all_data to ${TENANT_ROLE}`)).toEqual([
      `${TENANT_ROLE} is a member of pg_read_all_data`,
    ]);
  });

  it('SECURITY DEFINER functions: not on the allow-list, unpinned search_path, open EXECUTE', async () => {
    const problems = await problemsAfter(
      `create function peek(p uuid) returns text language sql security definer
         as $$ select email from public.users where id = p $$`,
      `create function peek_pinned() returns int language sql security definer
         set search_path = pg_catalog, public, pg_temp as $$ select 1 $$`,
      'alter function patient_portal_email(uuid) reset search_path',
      'grant execute on function patient_portal_email(uuid) to public',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'public.peek(uuid): SECURITY DEFINER but not on the allow-list (with its reason)',
        'public.peek(uuid): SECURITY DEFINER without search_path=pg_catalog, public, pg_temp',
        'public.peek_pinned(): SECURITY DEFINER but not on the allow-list (with its reason)',
        'public.patient_portal_email(uuid): SECURITY DEFINER without search_path=pg_catalog, public, pg_temp',
        `public.patient_portal_email(uuid): executable by PUBLIC,${TENANT_ROLE}, expected ${TENANT_ROLE}`,
      ]),
    );
    expect(problems).not.toEqual(
      problem('public.peek_pinned(): SECURITY DEFINER without search_path'),
    );
  });

  it('leaves the catalog as it was (every breach above was rolled back)', async () => {
    expect(await catalogProblems(db.handle().db)).toEqual([]);
  });
});
