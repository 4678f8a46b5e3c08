/**
 * How a tenant transaction is opened and closed (db/tenant-pg.ts): one pipelined round trip to
 * open it, fail closed when the opening fails, reads hand their rows back before COMMIT but the
 * client is reused only after it, writes wait for COMMIT. The Postgres path; PGlite runs the
 * READ ONLY check only.
 */
import pg from 'pg';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { clinicCounters, patients } from '@/db/schema';
import { TenantScope, tenantDb } from '@/db/tenant';
import { InvalidClinicIdError, runOnPool, tenantBeginSql, type TenantAccess } from '@/db/tenant-pg';
import { findByIdStatement } from '@/db/tenant-statements';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { rejectionMessage } from '@/test/errors';
import { createFixtureClinic, SHARED_PATIENTS, type FixtureClinic } from '@/test/fixtures';

const db = useTestDatabase();
let a: FixtureClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await createFixtureClinic('a');
});

describe('tenantBeginSql', () => {
  it('opens the transaction with the role and the clinic set transaction-locally', () => {
    const settings = `SELECT set_config('role', 'clinic_app_tenant', true), set_config('app.clinic_id', '${a.id}', true)`;
    expect(tenantBeginSql(a.id, 'read write')).toBe(`BEGIN READ WRITE; ${settings}`);
    expect(tenantBeginSql(a.id, 'read only')).toBe(`BEGIN READ ONLY; ${settings}`);
  });

  it('refuses anything but a uuid, as it is spliced into the SQL', () => {
    for (const bad of [`${a.id}'; drop table patients; --`, '', 'x']) {
      expect(() => tenantBeginSql(bad, 'read only')).toThrow(InvalidClinicIdError);
    }
  });
});

describe('read', () => {
  it('refuses to write', async () => {
    expect(
      await rejectionMessage(
        tenantDb(a.id).read((t) => t.insert(patients, { ...SHARED_PATIENTS[0]!, mrn: 'RO-1' })),
      ),
    ).toMatch(/read-only transaction/);
    expect(await tenantDb(a.id).count(patients)).toBe(3);
  });
});

const onPostgres = Boolean(process.env.DATABASE_URL);

/** A pipelined pool of its own on the test database (the app's pool is pipelined too). */
function poolOf(max: number): pg.Pool {
  const handle = db.handle();
  if (handle.kind !== 'pg') throw new Error('Postgres only');
  const pool = new pg.Pool({
    connectionString: handle.pool.options.connectionString,
    max,
    pipeline: true,
    // A client that never comes back fails the next checkout instead of hanging the test.
    connectionTimeoutMillis: 5_000,
  });
  // One test terminates a connection on purpose: its client's socket error is expected.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** An opening that fails on its second statement, after BEGIN has opened the transaction. */
const FAILING_OPENING = `BEGIN; SELECT set_config('role', 'no_such_role_here', true)`;

describe.runIf(onPostgres)('the opening', () => {
  it('fails closed: a query written behind a failed opening answers nothing', async () => {
    const pool = poolOf(1);
    try {
      const read = (access: TenantAccess) =>
        runOnPool(pool, FAILING_OPENING, access, async (tx) => tx.select().from(patients));
      await expect(read('read only')).rejects.toThrow(/no_such_role_here/);
      await expect(read('read write')).rejects.toThrow(/no_such_role_here/);
      // The client was rolled back: the next use of the only client is outside any transaction.
      const { rows } = await pool.query(`select now() = statement_timestamp() as fresh`);
      expect(rows).toEqual([{ fresh: true }]);
    } finally {
      await pool.end();
    }
  });

  it('fails closed even for work that runs no query', async () => {
    const pool = poolOf(1);
    try {
      const noQuery = runOnPool(pool, FAILING_OPENING, 'read only', async () => 'result');
      await expect(noQuery).rejects.toThrow(/no_such_role_here/);
    } finally {
      await pool.end();
    }
  });
});

describe.runIf(onPostgres)('closing', () => {
  /** Work whose COMMIT fails (a deferred foreign key broken inside it); answers its backend. */
  const commitFails = (pool: pg.Pool, access: TenantAccess) =>
    runOnPool(pool, 'BEGIN', access, async (tx) => {
      await tx.execute(
        `create temp table deferred_check (id int primary key, ref int references deferred_check
           deferrable initially deferred) on commit drop`,
      );
      await tx.execute(`insert into deferred_check values (1, 2)`);
      const result = await tx.execute<{ pid: number }>(`select pg_backend_pid() as pid`);
      return (result as unknown as pg.QueryResult<{ pid: number }>).rows[0]!.pid;
    });
  const backendOf = async (pool: pg.Pool) =>
    (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;

  it('a write waits for COMMIT and fails when it fails', async () => {
    const pool = poolOf(1);
    try {
      await expect(commitFails(pool, 'read write')).rejects.toThrow(/foreign key/);
    } finally {
      await pool.end();
    }
  });

  it('a read has its result before COMMIT; a failing COMMIT destroys the client, not the result', async () => {
    const pool = poolOf(1);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const backend = await commitFails(pool, 'read only');
      expect(backend).toEqual(expect.any(Number));
      // The only client is handed out again only once COMMIT has answered, and as a new one.
      expect(await backendOf(pool)).not.toBe(backend);
      expect(logged).toHaveBeenCalledWith(
        '[db] COMMIT of a read failed:',
        expect.stringMatching(/foreign key/),
      );
    } finally {
      logged.mockRestore();
      await pool.end();
    }
  });

  it('a client whose ROLLBACK fails (its connection died) is destroyed, and the pool goes on', async () => {
    const handle = db.handle();
    if (handle.kind !== 'pg') throw new Error('Postgres only');
    const pool = poolOf(1);
    try {
      const dies = runOnPool(pool, 'BEGIN', 'read write', async (tx) => {
        const result = await tx.execute<{ pid: number }>(`select pg_backend_pid() as pid`);
        const { pid } = (result as unknown as pg.QueryResult<{ pid: number }>).rows[0]!;
        await handle.pool.query('select pg_terminate_backend($1)', [pid]);
        await tx.execute(`select 1`);
      });
      await expect(dies).rejects.toThrow();
      expect(await backendOf(pool)).toEqual(expect.any(Number));
    } finally {
      await pool.end();
    }
  });

  it("a read's client goes back only after COMMIT, outside any transaction", async () => {
    const pool = poolOf(1);
    try {
      const read = runOnPool(pool, tenantBeginSql(a.id, 'read only'), 'read only', (tx) =>
        tx.select({ id: patients.id }).from(patients),
      );
      expect(await read).toHaveLength(3);
      const { rows } = await pool.query(
        `select current_setting('app.clinic_id', true) as clinic, current_user = session_user as own_role,
                current_setting('transaction_read_only') as read_only`,
      );
      expect(rows).toEqual([{ clinic: '', own_role: true, read_only: 'off' }]);
    } finally {
      await pool.end();
    }
  });
});

describe.runIf(onPostgres)('findById', () => {
  it('is one named statement per table, parsed once on the connection', async () => {
    const [first, second] = await tenantDb(a.id).list(patients, { limit: 2 });
    const pool = poolOf(1);
    try {
      const prepared = await runOnPool(
        pool,
        tenantBeginSql(a.id, 'read only'),
        'read only',
        async (tx) => {
          const scope = new TenantScope(tx, a.id);
          expect((await scope.findById(patients, first!.id))?.id).toBe(first!.id);
          expect((await scope.findById(patients, second!.id))?.id).toBe(second!.id);
          const result = await tx.execute<{ name: string }>(
            sql`select name from pg_prepared_statements where name like 'tenant_find_%'`,
          );
          return (result as unknown as pg.QueryResult<{ name: string }>).rows.map((r) => r.name);
        },
      );
      expect(prepared).toEqual(['tenant_find_patients']);
    } finally {
      await pool.end();
    }
  });

  it('is built once per connection and table', () => {
    const { db: pooled } = db.handle();
    const where = () => sql`true`;
    const statement = findByIdStatement(pooled, patients, where);
    expect(findByIdStatement(pooled, patients, where)).toBe(statement);
    expect(findByIdStatement(pooled, clinicCounters, where)).not.toBe(statement);
  });
});
