/**
 * Reads too large to hold in memory (CSV exports), handed out in batches, with every guarantee of
 * `tenantDb` (db/tenant.ts): the query is built through a `TenantScope` (clinic filter by
 * construction) and runs in a transaction as the tenant role with `app.clinic_id` set
 * (transaction-local; RLS fails closed without it).
 *
 * - **Postgres:** ONE tenant transaction on a client of the handle's `streamPool`, and the query
 *   run through a server-side cursor (pg-cursor), `batchSize` rows per fetch. That pool is plain,
 *   never pipelined like the one `runOnPool` may use: a cursor keeps its portal open between
 *   fetches, so nothing else may be written on its connection until it is closed
 *   (docs/DATABASE.md, "Streaming reads").
 * - **PGlite:** no driver cursor, and one serialised database: a transaction held open across
 *   batches would block every other query of the process (the export's progress updates
 *   included). So it reads keyset batches instead, each in its own short tenant transaction,
 *   continuing after the last row of the previous batch.
 *
 * Either way the caller sees the same batches of the same rows in the same order.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import { getDb, type Database } from './client';
import { TenantScope, type TenantDb } from './tenant';
import { tenantBeginSql } from './tenant-pg';

/** A select built through the scope: limited for a keyset batch, or prepared for the cursor. */
export interface StreamableQuery<Row> {
  limit(count: number): PromiseLike<Row[]>;
  prepare(name: string): { execute(): Promise<Row[]> };
}

/**
 * The read: `after` null means from the first row; otherwise the rows strictly after `after` in
 * the read's order (a keyset condition on a unique order, e.g. ending in the id).
 */
export type KeysetRead<Row> = (t: TenantScope, after: Row | null) => StreamableQuery<Row>;

export const STREAM_BATCH_SIZE = 1000;

/** The rows of `read` for the clinic of `db`, `batchSize` at a time (never an empty batch). */
export function streamTenantRows<Row>(
  db: TenantDb,
  read: KeysetRead<Row>,
  batchSize = STREAM_BATCH_SIZE,
): AsyncGenerator<Row[]> {
  const handle = getDb();
  return handle.kind === 'pg'
    ? cursorBatches(handle.streamPool, db.clinicId, read, batchSize)
    : keysetBatches(db, read, batchSize);
}

async function* keysetBatches<Row>(
  db: TenantDb,
  read: KeysetRead<Row>,
  batchSize: number,
): AsyncGenerator<Row[]> {
  let after: Row | null = null;
  for (;;) {
    const from = after;
    const rows = await db.read(async (t) => read(t, from).limit(batchSize));
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1] as Row;
  }
}

async function* cursorBatches<Row>(
  pool: pg.Pool,
  clinicId: string,
  read: KeysetRead<Row>,
  batchSize: number,
): AsyncGenerator<Row[]> {
  // Before connecting: an invalid clinic id throws here and takes no client.
  const begin = tenantBeginSql(clinicId, 'read only');
  const client = await pool.connect();
  const cursor = new CursorClient(client, batchSize);
  let committed = false;
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const scope = new TenantScope(
      drizzle(cursor as unknown as pg.PoolClient) as unknown as Database,
      clinicId,
    );
    const next = read(scope, null).prepare('tenant_stream');
    for (;;) {
      const rows = await next.execute();
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) break;
    }
    await cursor.close();
    await client.query('COMMIT');
    committed = true;
  } finally {
    // Also when the consumer stopped early (an error downstream): the portal must be closed
    // before ROLLBACK can be sent on this connection.
    if (!committed) {
      await cursor.close().catch((err: Error) => (broken = err));
      await client.query('ROLLBACK').catch((err: Error) => (broken = err));
    }
    // A client whose cleanup failed is in an unknown state: destroy it rather than reuse it.
    client.release(broken);
  }
}

type DrizzleQueryConfig = pg.QueryConfig & { rowMode?: 'array'; types?: pg.CustomTypesConfig };

/**
 * What drizzle sees as its pg client: the first execution of the prepared select opens a cursor
 * on the real client with exactly the text, parameters, row mode and type parsers drizzle chose,
 * and every execution (this one included) answers the cursor's next `batchSize` rows, which
 * drizzle then maps to the select's fields as usual. (The statement name is not used: a cursor
 * runs an unnamed portal.)
 */
class CursorClient {
  private cursor: Cursor | undefined;
  private failed = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly batchSize: number,
  ) {}

  async query(config: DrizzleQueryConfig, values?: unknown[]): Promise<{ rows: unknown[] }> {
    this.cursor ??= this.client.query(
      new Cursor(config.text, values, { rowMode: config.rowMode, types: config.types }),
    );
    try {
      return { rows: await this.cursor.read(this.batchSize) };
    } catch (err) {
      // The cursor already ended with the error; closing it again would wait forever.
      this.failed = true;
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.cursor && !this.failed) await this.cursor.close();
    this.cursor = undefined;
  }
}
