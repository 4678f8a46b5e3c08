import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/test/db';
import { TENANT_ROLE } from '@/db/schema';

const db = useTestDatabase();

async function query<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.handle().db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** clinic_memberships carries clinic_id but is system data the header picker reads across clinics. */
const SYSTEM_TABLES_WITH_CLINIC_ID = ['clinic_memberships', 'system_audit_events'];

describe('database catalog: wall 2 cannot be forgotten', () => {
  it('every tenant table has RLS enabled and forced, with a clinic policy', async () => {
    const tables = await query<{
      table: string;
      rls: boolean;
      forced: boolean;
      policies: number;
    }>(sql`
      select c.relname as table, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        (select count(*)::int from pg_policy p where p.polrelid = c.oid
           and pg_get_expr(p.polqual, p.polrelid) like '%app.clinic_id%') as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid
                    and a.attname = 'clinic_id' and not a.attisdropped)
      order by 1`);
    const tenantTables = tables.filter((t) => !SYSTEM_TABLES_WITH_CLINIC_ID.includes(t.table));
    expect(tenantTables.map((t) => t.table)).toEqual(
      expect.arrayContaining([
        'appointments',
        'audit_events',
        'clinic_settings',
        'file_attachments',
        'patients',
      ]),
    );
    for (const t of tenantTables) {
      expect(t, `${t.table} must ENABLE and FORCE RLS with a clinic policy`).toMatchObject({
        rls: true,
        forced: true,
      });
      expect(t.policies, `${t.table} clinic policy`).toBeGreaterThan(0);
    }
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

  it('the tenant role may only insert and read audit events', async () => {
    const [grants] = await query<{
      ins: boolean;
      sel: boolean;
      upd: boolean;
      del: boolean;
      trunc: boolean;
    }>(sql`
      select has_table_privilege(${TENANT_ROLE}, 'audit_events', 'INSERT') as ins,
             has_table_privilege(${TENANT_ROLE}, 'audit_events', 'SELECT') as sel,
             has_table_privilege(${TENANT_ROLE}, 'audit_events', 'UPDATE') as upd,
             has_table_privilege(${TENANT_ROLE}, 'audit_events', 'DELETE') as del,
             has_table_privilege(${TENANT_ROLE}, 'audit_events', 'TRUNCATE') as trunc`);
    expect(grants).toEqual({ ins: true, sel: true, upd: false, del: false, trunc: false });
  });

  it('the tenant role cannot change roles, permissions or setting definitions', async () => {
    const writable = await query<{ table: string }>(sql`
      select t as table from unnest(array['roles','permissions','role_permissions','setting_definitions','clinics','clinic_memberships','users']) t
      where has_table_privilege(${TENANT_ROLE}, t, 'INSERT')
         or has_table_privilege(${TENANT_ROLE}, t, 'UPDATE')
         or has_table_privilege(${TENANT_ROLE}, t, 'DELETE')`);
    expect(writable).toEqual([]);
  });
});
