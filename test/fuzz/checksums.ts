/**
 * An md5 per table (and per clinic for tenant tables), so the fuzzer can tell after every call
 * whether any row changed, and in which clinic, at the cost of one transaction. Every table of
 * `db/schema` is covered unless it is listed below with the reason its rows move on purpose, so
 * a new table is checked without anyone remembering to add it.
 */
import { createHash } from 'node:crypto';
import { is, sql, type SQL } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import * as schema from '@/db/schema';
import { storedFiles } from '../export-support';

/** Tables whose rows change on refused requests by design. */
const NOT_CHECKED: Record<string, string> = {
  audit_events: 'refusals are audited',
  system_audit_events: 'refusals are audited',
  user_sessions: 'every request marks its session as seen',
  portal_lookups: 'refused portal look-ups count towards the throttle',
};

/** Columns that change on refused requests by design. */
const COLUMNS_NOT_CHECKED: Record<string, string[]> = {
  // Sign-in throttling counts every wrong password.
  users: ['failed_login_count', 'locked_until', 'updated_at'],
};

interface CheckedTable {
  name: string;
  columns: string[];
  tenant: boolean;
}

const CHECKED: CheckedTable[] = (Object.values(schema) as unknown[])
  .filter((t): t is PgTable => is(t, PgTable))
  .map((t) => getTableConfig(t))
  .filter((c) => !(c.name in NOT_CHECKED))
  .map((c) => ({
    name: c.name,
    columns: c.columns
      .map((col) => col.name)
      .filter((col) => !COLUMNS_NOT_CHECKED[c.name]?.includes(col)),
    tenant: c.policies.length > 0,
  }));

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * One row per table (`name`) or, for tenant tables, per clinic and table (`<clinicId>:name`):
 * the md5 of its rows' text, in order.
 */
function checksumQuery(tables: CheckedTable[]): SQL {
  const parts = tables.map((t) => {
    const row = `row(${t.columns.map(quote).join(', ')})::text`;
    const md5 = `md5(string_agg(${row}, E'\\n' order by ${row}))`;
    return t.tenant
      ? `select clinic_id::text || ':${t.name}' as k, ${md5} as h from ${quote(t.name)} group by clinic_id`
      : `select '${t.name}' as k, ${md5} as h from ${quote(t.name)}`;
  });
  return sql.raw(parts.join(' union all '));
}

const SYSTEM_QUERY = checksumQuery(CHECKED.filter((t) => !t.tenant));
const TENANT_QUERY = checksumQuery(CHECKED.filter((t) => t.tenant));

type Rows<T> = { rows: T[] };
type Db = ReturnType<typeof getDb>['db'];

async function read(db: Pick<Db, 'execute'>, query: SQL, into: Map<string, string>) {
  const result = (await db.execute(query)) as unknown as Rows<{ k: string; h: string | null }>;
  for (const r of result.rows) if (r.h !== null) into.set(r.k, r.h);
}

/** Whether the connection sees every clinic's rows (superuser or BYPASSRLS), per database. */
const seesAllRows = new WeakMap<Db, Promise<boolean>>();
function bypassesRls(db: Db): Promise<boolean> {
  let answer = seesAllRows.get(db);
  if (!answer) {
    answer = (
      db.execute(
        sql`select rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user`,
      ) as unknown as Promise<Rows<{ bypass: boolean }>>
    ).then((r) => r.rows[0]?.bypass === true);
    seesAllRows.set(db, answer);
  }
  return answer;
}

/**
 * `{ "clinics": md5, ..., "<clinicId>:patients": md5, ... }` (a table or clinic with no rows has
 * no key). One statement when the connection sees every row; otherwise (a non-superuser owner,
 * bound by the forced row-level security) the tenant tables are read clinic by clinic with
 * `app.clinic_id` set, so the sums stay complete.
 */
export async function tableChecksums(): Promise<Map<string, string>> {
  const db = getDb().db;
  const out = new Map<string, string>();
  if (await bypassesRls(db)) {
    await read(db, sql`${SYSTEM_QUERY} union all ${TENANT_QUERY}`, out);
    return out;
  }
  return db.transaction(async (tx) => {
    await read(tx, SYSTEM_QUERY, out);
    const clinics = (await tx.execute(sql`select id from clinics`)) as unknown as Rows<{
      id: string;
    }>;
    for (const { id } of clinics.rows) {
      await tx.execute(sql`select set_config('app.clinic_id', ${id}, true)`);
      await read(tx, TENANT_QUERY, out);
    }
    return out;
  });
}

/** Keys whose checksum differs (or that appeared or vanished). */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  // A key that appears or vanishes empty (a new clinic's tenant tables) is no change.
  const sum = (m: Map<string, string>, k: string) => m.get(k) ?? EMPTY;
  return [...keys].filter((k) => sum(before, k) !== sum(after, k)).sort();
}

/** md5 of no rows and of no files: what a missing key stands for. */
const EMPTY = createHash('md5').update('').digest('hex');

/**
 * `{ "<clinicId>:storage": md5 of the file names }` for a local storage root: stored bytes live
 * under `clinic_<clinicId>/` (lib/storage/keys.ts), so a refused upload that left a file shows.
 */
export function storageChecksums(root: string): Map<string, string> {
  const byClinic = new Map<string, string[]>();
  for (const file of storedFiles(root)) {
    const clinicId = file.split(/[\\/]/)[0]!.replace(/^clinic_/, '');
    byClinic.set(clinicId, [...(byClinic.get(clinicId) ?? []), file]);
  }
  const md5 = (files: string[]) => createHash('md5').update(files.join('\n')).digest('hex');
  return new Map([...byClinic].map(([clinicId, files]) => [`${clinicId}:storage`, md5(files)]));
}
