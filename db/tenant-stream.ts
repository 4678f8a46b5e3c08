/**
 * Reads too large to hold in memory (CSV exports), with every guarantee of `tenantDb`
 * (db/tenant.ts): the select is built through a `TenantScope` (clinic filter by construction) and
 * runs in a transaction as the tenant role with `app.clinic_id` set (transaction-local; RLS fails
 * closed without it).
 *
 * - **Postgres, `copyTenantCsv`:** ONE read-only tenant transaction on a client of the handle's
 *   `streamPool`, and the select run as `COPY (…) TO STDOUT (FORMAT csv, HEADER)`. The server
 *   writes every row as CSV text and the bytes flow to the caller as they arrive: no row object,
 *   no per-row JS (docs/benchmarks.md, "CSV export"). That pool is plain, never pipelined like the
 *   one `runOnPool` may use: COPY holds its connection until the last byte (docs/DATABASE.md,
 *   "Streaming reads").
 * - **PGlite, `streamTenantRows`:** no COPY to a client stream, and one serialised database: a
 *   transaction held open across batches would block every other query of the process (the
 *   export's progress updates included). So it reads keyset batches instead, each in its own short
 *   tenant transaction, continuing after the last row of the previous batch.
 *
 * Either way the caller gets the same rows in the same order, formatted by the same SQL.
 */
import type { SQLWrapper } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { getDb } from './client';
import { TenantScope, type TenantDb } from './tenant';
import { tenantBeginSql } from './tenant-pg';

/** A read of many rows in a unique order, built through the scope (`t.from(…)`). */
export interface StreamedRead<Row> {
  /** Every row, in order, with exactly the columns of the file: the select COPY runs. */
  all(t: TenantScope): SQLWrapper;
  /**
   * The rows strictly after `after` in the read's order (null: from the first row), with whatever
   * the next batch needs to continue after the last one (a keyset condition on a unique order).
   */
  after(t: TenantScope, after: Row | null): { limit(count: number): PromiseLike<Row[]> };
}

/** Settings of the read's transaction that change how the server formats values. */
export interface StreamSettings {
  /** The zone `to_char` shows timestamps in (the clinic's). */
  timeZone: string;
}

export const STREAM_BATCH_SIZE = 1000;

/** Whether the CSV can come from the server (`copyTenantCsv`) rather than in keyset batches. */
export function canCopyCsv(): boolean {
  return getDb().kind === 'pg';
}

/** The rows of `read` for the clinic of `db`, `batchSize` at a time (never an empty batch). */
export async function* streamTenantRows<Row>(
  db: TenantDb,
  read: StreamedRead<Row>,
  settings: StreamSettings,
  batchSize = STREAM_BATCH_SIZE,
): AsyncGenerator<Row[]> {
  let after: Row | null = null;
  for (;;) {
    const from = after;
    const rows = await db.read(async (t) => {
      await t.useTimeZone(settings.timeZone);
      return read.after(t, from).limit(batchSize);
    });
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1] as Row;
  }
}

/**
 * The CSV text of `read.all` for the clinic of `db`, as Postgres's COPY writes it: a header of the
 * column names, then one record per row, `\n` after each, quoted only where needed (a comma,
 * quote, CR or LF in the value), NULL as nothing. Postgres only (`canCopyCsv`).
 */
export function copyTenantCsv(
  db: TenantDb,
  read: StreamedRead<unknown>,
  settings: StreamSettings,
): AsyncGenerator<Buffer> {
  const handle = getDb();
  if (handle.kind !== 'pg') throw new Error('copyTenantCsv needs Postgres');
  // Before connecting: an invalid clinic id throws here and takes no client.
  const begin = tenantBeginSql(db.clinicId, 'read only');
  const select = read.all(new TenantScope(handle.db, db.clinicId));
  return copyOut(
    handle.streamPool,
    begin,
    settings,
    `COPY (${inlined(select)}) TO STDOUT (FORMAT csv, HEADER)`,
  );
}

/**
 * The select's SQL with its parameters written in as literals: COPY takes no bind parameters.
 * Drizzle quotes each value as a standard string literal (quotes doubled, backslashes as they
 * are), which is exact only with `standard_conforming_strings` on, so `copyOut` sets it for its
 * transaction. A NUL cannot be in a literal at all: refused here rather than cut off on the wire.
 */
function inlined(select: SQLWrapper): string {
  const { sql: text, params } = new PgDialect().sqlToQuery(select.getSQL().inlineParams());
  if (params.length > 0) throw new Error('a COPY select cannot have placeholders');
  if (text.includes('\0')) throw new Error('a COPY select cannot contain a NUL byte');
  return text;
}

async function* copyOut(
  pool: pg.Pool,
  begin: string,
  settings: StreamSettings,
  copy: string,
): AsyncGenerator<Buffer> {
  const client = await pool.connect();
  let committed = false;
  try {
    await client.query(begin);
    await client.query(
      "select set_config('TimeZone', $1, true), set_config('standard_conforming_strings', 'on', true)",
      [settings.timeZone],
    );
    for await (const chunk of client.query(copyTo(copy))) yield chunk as Buffer;
    await client.query('COMMIT');
    committed = true;
  } finally {
    // An early stop (the consumer failed: storage full, export stopped) leaves the COPY running on
    // this connection, and a failed one left the transaction aborted. Either way nothing was
    // written: dropping the connection ends both, and the pool opens a new one when needed.
    client.release(committed ? undefined : new Error('the COPY did not finish'));
  }
}
