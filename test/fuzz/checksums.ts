/**
 * An md5 per table (and per clinic for tenant tables), so the fuzzer can tell after every call
 * whether any row changed, and in which clinic, at the cost of one transaction. Every table of
 * `db/schema` is covered unless it is listed below with the reason its rows move on purpose, so
 * a new table is checked without anyone remembering to add it.
 */
import { createHash } from 'node:crypto';
import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import type pg from 'pg';
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
function checksumQuery(tables: CheckedTable[]): string {
  const parts = tables.map((t) => {
    const row = `row(${t.columns.map(quote).join(', ')})::text`;
    const md5 = `md5(string_agg(${row}, E'\\n' order by ${row}))`;
    return t.tenant
      ? `select clinic_id::text || ':${t.name}' as k, ${md5} as h from ${quote(t.name)} group by clinic_id`
      : `select '${t.name}' as k, ${md5} as h from ${quote(t.name)}`;
  });
  return parts.join(' union all ');
}

const SYSTEM_QUERY = checksumQuery(CHECKED.filter((t) => !t.tenant));
const TENANT_QUERY = checksumQuery(CHECKED.filter((t) => t.tenant));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Row = Record<string, unknown>;

/**
 * Runs several statements in one round trip (the simple query protocol: one implicit transaction,
 * so a transaction-local setting holds for the statements after it). Rows per statement.
 */
async function script(statements: string[]): Promise<Row[][]> {
  const handle = getDb();
  const text = statements.join(';\n');
  if (handle.kind === 'pglite') return (await handle.pglite.exec(text)).map((r) => r.rows as Row[]);
  const results = (await handle.pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
  return (Array.isArray(results) ? results : [results]).map((r) => r.rows as Row[]);
}

/**
 * `{ "clinics": md5, ..., "<clinicId>:patients": md5, ... }` (a table or clinic with no rows has
 * no key), in two round trips. The tenant tables are read clinic by clinic with `app.clinic_id`
 * set, so the sums are complete also for an owner that row-level security binds (CI's plain
 * owner), and grouped by clinic_id, so they are per clinic also for a superuser.
 */
export async function tableChecksums(): Promise<Map<string, string>> {
  const [system = [], clinics = []] = await script([SYSTEM_QUERY, 'select id::text from clinics']);
  const perClinic = clinics.flatMap(({ id }) => {
    if (typeof id !== 'string' || !UUID.test(id)) throw new Error(`not a clinic id: ${String(id)}`);
    return [`select set_config('app.clinic_id', '${id}', true)`, TENANT_QUERY];
  });
  const tenant = perClinic.length ? (await script(perClinic)).filter((_, i) => i % 2 === 1) : [];
  const out = new Map<string, string>();
  for (const row of [system, ...tenant].flat()) {
    if (typeof row.h === 'string') out.set(String(row.k), row.h);
  }
  return out;
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
