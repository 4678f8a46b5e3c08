/**
 * The Postgres side of a tenant transaction (db/tenant.ts): how it is opened, run and closed on a
 * pooled client, at as few awaited round trips as the guarantees allow (docs/benchmarks.md, P1-P2).
 *
 * - **P2, one round trip to start.** The pool is pipelined (db/client.ts): the opening statement
 *   (BEGIN, the tenant role, the clinic) is written, not awaited, and the work's first query goes
 *   out right behind it. Postgres runs them in order, so that query runs as the tenant role with
 *   the clinic set; if the opening fails, the transaction is aborted and every query behind it
 *   fails too ("current transaction is aborted"). Its outcome is awaited before the work's result
 *   is handed out, so work that ran no query fails as well: closed either way.
 * - **P1, reads return before COMMIT.** A read-only transaction hands its result back as soon as
 *   the work is done and commits behind it; the client goes back to the pool only once COMMIT has
 *   answered (destroyed if it failed), so no other request can ever be handed a client that is
 *   still inside this transaction. The rows come from the transaction's one snapshot, which a
 *   COMMIT cannot change. Transactions that may write await their COMMIT as before.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { Database } from './client';
import { TENANT_ROLE } from './schema/tenant-table';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class InvalidClinicIdError extends Error {
  constructor() {
    super('tenantDb needs a clinic id (uuid)');
  }
}

export type TenantAccess = 'read write' | 'read only';

/**
 * Opens a tenant transaction on a plain pg client: BEGIN, the tenant role and the clinic, all
 * transaction-local, as one simple-protocol multi-statement (one message). The clinic id must be
 * a uuid (checked here, as it is spliced) and the role is a constant: nothing user-supplied.
 * Shared with the streaming reads (db/tenant-stream.ts).
 */
export function tenantBeginSql(clinicId: string, access: TenantAccess): string {
  if (!UUID.test(clinicId)) throw new InvalidClinicIdError();
  return `BEGIN ${access.toUpperCase()}; SELECT set_config('role', '${TENANT_ROLE}', true), set_config('app.clinic_id', '${clinicId}', true)`;
}

// A drizzle instance per pooled client: pool clients are reused, so this is built once each (and
// the statements db/tenant.ts prepares per client hang off it).
const drizzleByClient = new WeakMap<pg.PoolClient, Database>();

function drizzleFor(client: pg.PoolClient): Database {
  let db = drizzleByClient.get(client);
  // Stryker disable next-line ConditionalExpression: a new instance per call only loses the statement cache (pg still parses a named statement once per connection); equivalent
  if (!db) {
    db = drizzle(client) as Database;
    drizzleByClient.set(client, db);
  }
  return db;
}

/**
 * Runs `work` inside the transaction that `beginSql` opens (tenantBeginSql; tests pass one that
 * fails) on a client of `pool`, and commits it: awaited for 'read write', behind the result for
 * 'read only'. Any failure rolls back; a client whose ROLLBACK or COMMIT fails is destroyed.
 */
export async function runOnPool<R>(
  pool: pg.Pool,
  beginSql: string,
  access: TenantAccess,
  work: (db: Database) => Promise<R>,
): Promise<R> {
  const client = await pool.connect();
  const begin = client.query(beginSql);
  // Observed below, once the work is done; until then a failure must not count as unhandled.
  begin.catch(() => {});
  let result: R;
  try {
    result = await work(drizzleFor(client));
    await begin;
  } catch (err) {
    // When the opening failed, every query behind it failed as "transaction is aborted": report
    // the cause instead.
    const openingErr = await begin.then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.query('ROLLBACK').then(
      () => client.release(),
      (rollbackErr: Error) => client.release(rollbackErr),
    );
    throw openingErr ?? err;
  }
  const committed = client.query('COMMIT').then(
    () => client.release(),
    (commitErr: Error) => {
      client.release(commitErr);
      throw commitErr;
    },
  );
  if (access === 'read only') {
    // Nothing was written, so nothing is lost if COMMIT fails: the client is destroyed, and the
    // failure is logged rather than thrown at a caller that already has its rows.
    committed.catch((err: Error) => console.error('[db] COMMIT of a read failed:', err.message));
    return result;
  }
  await committed;
  return result;
}
