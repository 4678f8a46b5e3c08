/**
 * The streaming reads (db/tenant-stream.ts) keep every guarantee of tenantDb: keyset batches on
 * both engines, COPY on Postgres. The clinic's rows only, as the tenant role with the clinic and
 * the zone set, in order; and an early stop or a failure leaves no transaction or client behind.
 */
import { text } from 'node:stream/consumers';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { patients } from '@/db/schema';
import { tenantDb, type TenantScope } from '@/db/tenant';
import { canCopyCsv, copyTenantCsv, streamTenantRows, type StreamedRead } from '@/db/tenant-stream';
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

const ZONE = { timeZone: 'Asia/Kolkata' };

/** A read of the scope's patients in MRN order, with who, where and in which zone. */
function byMrn(where?: (t: TenantScope) => ReturnType<typeof eq>): StreamedRead<{ mrn: string }> {
  const select = (t: TenantScope) =>
    t.from(patients, {
      mrn: patients.mrn,
      role: sql<string>`current_user`.as('role'),
      clinic: sql<string>`current_setting('app.clinic_id', true)`.as('clinic'),
      zone: sql<string>`current_setting('TimeZone')`.as('zone'),
      readOnly: sql<string>`current_setting('transaction_read_only')`.as('read_only'),
    });
  return {
    all: (t) => select(t).where(where?.(t)).orderBy(asc(patients.mrn)),
    after: (t, last) =>
      select(t)
        .where(and(where?.(t), last ? gt(patients.mrn, last.mrn) : undefined))
        .orderBy(asc(patients.mrn)),
  };
}

async function collect<R>(batches: AsyncIterable<R[]>): Promise<R[][]> {
  const all: R[][] = [];
  for await (const batch of batches) all.push(batch);
  return all;
}

/** The clients of the stream pool a read has not given back (none on PGlite). */
function streamClientsOut(): number {
  const handle = db.handle();
  if (handle.kind !== 'pg') return 0;
  return handle.streamPool.totalCount - handle.streamPool.idleCount;
}

const onPostgres = Boolean(process.env.DATABASE_URL);

it('exports are written by COPY on Postgres, and read in keyset batches on PGlite', () => {
  expect(canCopyCsv()).toBe(onPostgres);
});

describe('streamTenantRows (keyset batches)', () => {
  it('hands out the clinic’s rows only, in order, in batches of at most the size asked', async () => {
    const batches = await collect(streamTenantRows(tenantDb(a.id), byMrn(), ZONE, 4));
    expect(batches.map((rows) => rows.length)).toEqual([4, 4, 3]);
    const mrns = batches.flat().map((r) => r.mrn);
    expect(mrns).toEqual([
      'A-1',
      'A-2',
      'A-3',
      ...Array.from({ length: 8 }, (_, i) => `MORE-${i}`),
    ]);
  });

  it('never yields an empty batch, also when the rows fill the last batch exactly', async () => {
    const batches = await collect(streamTenantRows(tenantDb(b.id), byMrn(), ZONE, 3));
    expect(batches.map((rows) => rows.length)).toEqual([3]);
    expect(await collect(streamTenantRows(tenantDb(b.id), byMrn(), ZONE, 1))).toHaveLength(3);
  });

  it('reads each batch as the tenant role, with the clinic and the zone set, read-only', async () => {
    const rows = (await collect(streamTenantRows(tenantDb(a.id), byMrn(), ZONE, 5))).flat();
    const settings = rows.map(({ mrn: _mrn, ...rest }) => JSON.stringify(rest));
    expect(new Set(settings)).toEqual(
      new Set([
        JSON.stringify({
          role: 'clinic_app_tenant',
          clinic: a.id,
          zone: 'Asia/Kolkata',
          readOnly: 'on',
        }),
      ]),
    );
  });
});

describe.runIf(onPostgres)('copyTenantCsv (Postgres)', () => {
  it('writes the clinic’s rows only, as the tenant role with the clinic and zone set, read-only', async () => {
    const csv = await text(copyTenantCsv(tenantDb(a.id), byMrn(), ZONE));
    const [header, ...records] = csv.split('\n');
    expect(header).toBe('mrn,role,clinic,zone,read_only');
    expect(records.pop()).toBe(''); // every record ends with \n
    expect(records.map((r) => r.split(',')[0])).toEqual([
      'A-1',
      'A-2',
      'A-3',
      ...Array.from({ length: 8 }, (_, i) => `MORE-${i}`),
    ]);
    const rest = new Set(records.map((r) => r.split(',').slice(1).join(',')));
    expect(rest.size).toBe(1);
    expect([...rest]).toEqual([`clinic_app_tenant,${a.id},Asia/Kolkata,on`]);
  });

  it('writes a parameter into the statement exactly, quotes and backslashes included, whatever the session’s string setting', async () => {
    const awkward = `O'Brien \\' "x" \\\\n --`;
    await tenantDb(a.id).transaction((t) =>
      t.update(patients, { familyName: awkward }, eq(patients.mrn, 'A-2')),
    );
    // A connection of the stream pool left with backslash escapes on in its session: drizzle's
    // quoting is exact only without them, so the read must switch them off for itself.
    const handle = db.handle();
    if (handle.kind !== 'pg') throw new Error('Postgres only');
    const client = await handle.streamPool.connect();
    await client.query('set standard_conforming_strings = off');
    client.release();
    const csv = await text(
      copyTenantCsv(
        tenantDb(a.id),
        byMrn(() => eq(patients.familyName, awkward)),
        ZONE,
      ),
    );
    expect(
      csv
        .split('\n')
        .slice(1, -1)
        .map((r) => r.split(',')[0]),
    ).toEqual(['A-2']);
  });

  it('refuses a parameter with a NUL byte before taking a connection', async () => {
    const before = streamClientsOut();
    expect(() =>
      copyTenantCsv(
        tenantDb(a.id),
        byMrn(() => eq(patients.familyName, 'a\0b')),
        ZONE,
      ),
    ).toThrow(/NUL/);
    expect(streamClientsOut()).toBe(before);
  });

  it('refuses a placeholder, which COPY could not bind, before taking a connection', () => {
    const before = streamClientsOut();
    expect(() =>
      copyTenantCsv(
        tenantDb(a.id),
        byMrn(() => eq(patients.familyName, sql.placeholder('family'))),
        ZONE,
      ),
    ).toThrow(/placeholders/);
    expect(streamClientsOut()).toBe(before);
  });

  it('a finished read gives its connection back for the next one, instead of dropping it', async () => {
    const pool = (db.handle() as Extract<ReturnType<typeof db.handle>, { kind: 'pg' }>).streamPool;
    await text(copyTenantCsv(tenantDb(a.id), byMrn(), ZONE));
    const open = pool.totalCount;
    expect([open, pool.idleCount]).toEqual([open, open]);
    expect(open).toBeGreaterThan(0);
    await text(copyTenantCsv(tenantDb(b.id), byMrn(), ZONE));
    expect([pool.totalCount, pool.idleCount]).toEqual([open, open]);
  });

  it('an early stop ends the read cleanly: nothing held, the next read works', async () => {
    const stream = copyTenantCsv(tenantDb(a.id), byMrn(), ZONE);
    expect((await stream.next()).done).toBe(false);
    await stream.return(undefined);
    expect(streamClientsOut()).toBe(0);
    expect((await text(copyTenantCsv(tenantDb(b.id), byMrn(), ZONE))).split('\n')).toHaveLength(5);
  });

  it('a failing read rejects with the database’s error, and leaves no client behind', async () => {
    const failing: StreamedRead<{ mrn: string }> = {
      ...byMrn(),
      all: (t) =>
        t
          .from(patients, {
            mrn: patients.mrn,
            n: sql<number>`1 / (case when ${patients.mrn} = 'MORE-2' then 0 else 1 end)`.as('n'),
          })
          .orderBy(asc(patients.mrn)),
    };
    await expect(text(copyTenantCsv(tenantDb(a.id), failing, ZONE))).rejects.toThrow(
      /division by zero/,
    );
    expect(streamClientsOut()).toBe(0);
    expect((await text(copyTenantCsv(tenantDb(a.id), byMrn(), ZONE))).split('\n')).toHaveLength(13);
  });
});
