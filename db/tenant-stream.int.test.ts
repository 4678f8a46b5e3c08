/**
 * The streaming read (db/tenant-stream.ts) keeps every guarantee of tenantDb, on Postgres (one
 * tenant transaction, a server-side cursor) and on PGlite (keyset batches) alike: the clinic's
 * rows only, as the tenant role with the clinic set, in order, in bounded batches; and an early
 * stop or a failure leaves no transaction or client behind.
 */
import { asc, gt, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { patients } from '@/db/schema';
import { tenantDb, type TenantScope } from '@/db/tenant';
import { streamTenantRows, type KeysetRead } from '@/db/tenant-stream';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createFixtureClinic, SHARED_PATIENTS, type FixtureClinic } from '@/test/fixtures';

const db = useTestDatabase();
let a: FixtureClinic;
let b: FixtureClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await createFixtureClinic('a');
  b = await createFixtureClinic('b');
  // 3 + 8 patients in clinic a, 3 in clinic b.
  await tenantDb(a.id).transaction((t) =>
    t.insert(
      patients,
      Array.from({ length: 8 }, (_, i) => ({ ...SHARED_PATIENTS[1]!, mrn: `MORE-${i}` })),
    ),
  );
});

/** Every patient of the scope's clinic in id order, with who and where each row was read. */
const byId: KeysetRead<{ id: string; clinicId: string; role: string; clinic: string }> = (
  t: TenantScope,
  after,
) =>
  t
    .from(patients, {
      id: patients.id,
      clinicId: patients.clinicId,
      role: sql<string>`current_user`,
      clinic: sql<string>`current_setting('app.clinic_id', true)`,
    })
    .where(after ? gt(patients.id, after.id) : undefined)
    .orderBy(asc(patients.id));

async function collect<R>(batches: AsyncIterable<R[]>): Promise<R[][]> {
  const all: R[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

const onPostgres = Boolean(process.env.DATABASE_URL);

describe('streamTenantRows', () => {
  it('hands out the clinic’s rows only, in order, in batches of at most the size asked', async () => {
    const ids = (await tenantDb(a.id).list(patients, { limit: 100 })).map((r) => r.id);
    expect(ids).toHaveLength(11);
    const batches = await collect(streamTenantRows(tenantDb(a.id), byId, 4));
    expect(batches.map((rows) => rows.length)).toEqual([4, 4, 3]);
    expect(batches.flat().map((r) => r.id)).toEqual(ids);
    expect(new Set(batches.flat().map((r) => r.clinicId))).toEqual(new Set([a.id]));
  });

  it('never yields an empty batch, also when the rows fill the last batch exactly', async () => {
    const batches = await collect(streamTenantRows(tenantDb(b.id), byId, 3));
    expect(batches.map((rows) => rows.length)).toEqual([3]);
    expect(await collect(streamTenantRows(tenantDb(b.id), byId, 1))).toHaveLength(3);
  });

  it('reads as the tenant role with the clinic set, which end with the read', async () => {
    const rows = (await collect(streamTenantRows(tenantDb(a.id), byId, 5))).flat();
    expect(new Set(rows.map((r) => `${r.role} ${r.clinic}`))).toEqual(
      new Set([`clinic_app_tenant ${a.id}`]),
    );
    const handle = db.handle();
    if (handle.kind !== 'pg') return;
    // The settings were transaction-local: the stream's connection is back to its own user.
    const client = await handle.streamPool.connect();
    try {
      const { rows: after } = await client.query<{ role: string; clinic: string }>(
        `select current_user as role, current_setting('app.clinic_id', true) as clinic`,
      );
      expect(after[0]?.role).not.toBe('clinic_app_tenant');
      expect(after[0]?.clinic ?? '').toBe('');
    } finally {
      client.release();
    }
  });

  it.runIf(onPostgres)('on Postgres, reads every batch in one transaction', async () => {
    const inTx: KeysetRead<{ id: string; tx: string }> = (t, after) =>
      t
        .from(patients, { id: patients.id, tx: sql<string>`txid_current()::text` })
        .where(after ? gt(patients.id, after.id) : undefined)
        .orderBy(asc(patients.id));
    const rows = (await collect(streamTenantRows(tenantDb(a.id), inTx, 2))).flat();
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
  });

  it('an early stop ends the read cleanly: nothing held, the next read works', async () => {
    const stream = streamTenantRows(tenantDb(a.id), byId, 2);
    const first = await stream.next();
    expect(first.value).toHaveLength(2);
    await stream.return(undefined);
    const handle = db.handle();
    if (handle.kind === 'pg') {
      expect(handle.streamPool.idleCount).toBe(handle.streamPool.totalCount);
    }
    expect((await collect(streamTenantRows(tenantDb(b.id), byId, 2))).flat()).toHaveLength(3);
  });

  it('a failing read rejects, and leaves no transaction or client behind', async () => {
    // In MRN order (A-1, A-2, A-3, MORE-0, …), division by zero at MORE-2: the sixth row.
    const failing: KeysetRead<{ mrn: string; n: number }> = (t, after) =>
      t
        .from(patients, {
          mrn: patients.mrn,
          n: sql<number>`1 / (case when ${patients.mrn} = 'MORE-2' then 0 else 1 end)`,
        })
        .where(after ? gt(patients.mrn, after.mrn) : undefined)
        .orderBy(asc(patients.mrn));
    const seen: number[] = [];
    const failure = await (async () => {
      for await (const batch of streamTenantRows(tenantDb(a.id), failing, 2)) {
        seen.push(batch.length);
      }
    })().catch((err: Error) => err);
    // Drizzle wraps the database's error, with the query, as the cause.
    expect(String((failure as Error | undefined)?.cause)).toMatch(/division by zero/);
    expect(seen).toEqual([2, 2]);
    const handle = db.handle();
    if (handle.kind === 'pg') {
      expect(handle.streamPool.idleCount).toBe(handle.streamPool.totalCount);
    }
    expect((await collect(streamTenantRows(tenantDb(a.id), byId, 100))).flat()).toHaveLength(11);
  });
});
