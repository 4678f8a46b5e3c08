/**
 * One user intention, one export: a double click or a resent request carries the page's
 * idempotency key and gets the export the first one made, finished or not, even when both arrive
 * at once. And the monthly report, asked for from the Exports page, runs through the same pipeline.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEvents, exportJobs } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { requestMonthlyReportAction } from '@/lib/actions/exports/request-monthly-report';
import { requestPatientsCsvAction } from '@/lib/actions/exports/request-patients-csv';
import { makeClinic, signInMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import {
  exportRow,
  exportText,
  exportsOf,
  jobHold,
  parseCsv,
  useTempStorage,
} from '@/test/export-support';
import { fromPage, signOut } from '@/test/session-state';
import { FUTURE_PERIOD_MESSAGE } from '@/lib/data/exports';
import { canonicalPatientsParams, requestKeyOf } from '@/lib/exports/params';
import { untilSomeoneWaitsOnALock } from '@/test/locks';

vi.mock('@/lib/jobs/dispatch', async (importOriginal) => {
  const { holdableDispatch } = await import('@/test/export-support');
  return holdableDispatch(await importOriginal());
});

const db = useTestDatabase();
const onPostgres = Boolean(process.env.DATABASE_URL);
useTempStorage();

let a: TestClinic;
let b: TestClinic;

beforeEach(async () => {
  jobHold.on = false;
  jobHold.events = [];
  signOut();
  await resetDatabase(db.handle());
  a = await makeClinic('a', 'Europe/Berlin');
  b = await makeClinic('b');
});

const requestPatients = (input: Parameters<ReturnType<typeof fromPage<object, unknown>>>[0]) =>
  fromPage(requestPatientsCsvAction)(input as never);

describe('idempotency key', () => {
  it('two requests at once with the same key make one export', async () => {
    jobHold.on = true;
    await signInMember(a.doctor);
    const idempotencyKey = randomUUID();
    const [first, second] = await Promise.all([
      requestPatients({ q: 'gar', idempotencyKey }),
      requestPatients({ q: 'gar', idempotencyKey }),
    ]);
    expect(first.data?.exportId).toBeDefined();
    expect(second.data?.exportId).toBe(first.data?.exportId);
    expect(await exportsOf(a.id)).toHaveLength(1);
    expect(jobHold.events).toHaveLength(1);
  });

  it('the same key with other params at once is still one intention: one export, no error', async () => {
    jobHold.on = true;
    await signInMember(a.doctor);
    const idempotencyKey = randomUUID();
    const [first, second] = await Promise.all([
      requestPatients({ q: 'gar', idempotencyKey }),
      requestPatients({ q: 'smi', idempotencyKey }),
    ]);
    expect(first.serverError ?? second.serverError).toBeUndefined();
    expect(second.data?.exportId).toBe(first.data?.exportId);
    expect(await exportsOf(a.id)).toHaveLength(1);
    expect(jobHold.events).toHaveLength(1);
  });

  it.runIf(onPostgres)(
    'a key that another request commits while this one waits on it: that export, no error',
    async () => {
      jobHold.on = true;
      await signInMember(a.doctor);
      const idempotencyKey = randomUUID();
      // The first request's transaction, held open after its insert: the second one does not see
      // the key yet, and its own insert (other params) waits on the key's index until the first
      // commits, then conflicts with no active export of its own params to return.
      let commitFirst!: () => void;
      const held = new Promise<void>((resolve) => (commitFirst = resolve));
      const params = canonicalPatientsParams({ q: 'gar' });
      const first = tenantDb(a.id).transaction(async (t) => {
        const row = await t.insert(exportJobs, {
          kind: 'patients_csv',
          params,
          requestKey: requestKeyOf({ kind: 'patients_csv', params }),
          idempotencyKey,
          status: 'queued',
          requestedBy: a.doctor.userId,
        });
        await held;
        return row;
      });
      const second = requestPatients({ q: 'smi', idempotencyKey });
      const handle = db.handle();
      if (handle.kind !== 'pg') throw new Error('Postgres only');
      await untilSomeoneWaitsOnALock(handle.pool);
      commitFirst();
      const firstRow = await first;
      const result = await second;
      expect(result.serverError).toBeUndefined();
      expect(result.data?.exportId).toBe(firstRow.id);
      expect(await exportsOf(a.id)).toHaveLength(1);
    },
  );

  it('a repeat after the export finished gets that export back, not a second one', async () => {
    await signInMember(a.doctor);
    const idempotencyKey = randomUUID();
    const first = await requestPatients({ idempotencyKey });
    const exportId = first.data!.exportId;
    // Jobs run inline here: the export is done before the repeat arrives.
    expect((await exportRow(a.id, exportId)).status).toBe('done');
    const repeats = await Promise.all([
      requestPatients({ idempotencyKey }),
      requestPatients({ idempotencyKey }),
    ]);
    for (const r of repeats) {
      expect(r.data).toEqual({ exportId, status: 'done', alreadyRunning: true });
    }
    expect(await exportsOf(a.id)).toHaveLength(1);
    // The repeats are audited as what they are: requests answered with the existing export.
    const audited = await tenantDb(a.id).list(auditEvents, {
      where: eq(auditEvents.action, 'export.request'),
      limit: 10,
    });
    expect(
      audited.map((e) => (e.metadata as { alreadyRunning: boolean }).alreadyRunning).sort(),
    ).toEqual([false, true, true]);

    // A new intention (a new key) is a new export.
    const next = await requestPatients({ idempotencyKey: randomUUID() });
    expect(next.data!.exportId).not.toBe(exportId);
    expect(await exportsOf(a.id)).toHaveLength(2);
  });

  it('a key is the clinic’s own: the same key in another clinic is another export', async () => {
    const idempotencyKey = randomUUID();
    await signInMember(a.doctor);
    const inA = await requestPatients({ idempotencyKey });
    await signInMember(b.doctor);
    const inB = await requestPatients({ idempotencyKey });
    expect(inB.data!.exportId).not.toBe(inA.data!.exportId);
    expect(await exportsOf(a.id)).toHaveLength(1);
    expect(await exportsOf(b.id)).toHaveLength(1);
  });

  it('refuses a key that is not a UUID, and changes nothing', async () => {
    await signInMember(a.doctor);
    const r = await requestPatients({ idempotencyKey: 'x'.repeat(40) });
    expect(r.validationErrors).toBeDefined();
    expect(await exportsOf(a.id)).toEqual([]);
  });
});

describe('monthly report on demand', () => {
  it('makes the month’s report as the schedule would, requested by the user', async () => {
    await signInMember(a.doctor);
    const r = await fromPage(requestMonthlyReportAction)({
      period: '2026-01',
      idempotencyKey: randomUUID(),
    });
    const row = await exportRow(a.id, r.data!.exportId);
    expect(row).toMatchObject({
      kind: 'monthly_report',
      status: 'done',
      requestedBy: a.doctor.userId,
      requestKey: 'monthly_report:{"period":"2026-01"}',
    });
    const csv = parseCsv(await exportText(a.id, row.id));
    expect(csv[1]).toEqual(['period', '2026-01 (Europe/Berlin)', '', '', '', '', '']);
  });

  it('a month that has not started, or a malformed one, is refused and queues nothing', async () => {
    await signInMember(a.doctor);
    const future = await fromPage(requestMonthlyReportAction)({ period: '2999-01' });
    expect(future.serverError).toBe(FUTURE_PERIOD_MESSAGE);
    const bad = await fromPage(requestMonthlyReportAction)({ period: '2026-13' });
    expect(bad.validationErrors).toBeDefined();
    const rows = await tenantDb(a.id).list(exportJobs, {
      where: eq(exportJobs.kind, 'monthly_report'),
      limit: 10,
    });
    expect(rows).toEqual([]);
  });
});
