/**
 * The export function as Inngest runs it (@inngest/test; a fresh engine per test, because an
 * engine remembers step results across executions), plus the send side: events without a clinic
 * never leave the process.
 */
import { InngestTestEngine } from '@inngest/test';
import { beforeEach, describe, expect, it } from 'vitest';
import { exportJobs } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { inngest, UncheckedEventError } from '@/inngest/client';
import { exportRequested } from '@/inngest/events';
import { canonicalPatientsParams, requestKeyOf } from '@/lib/exports/params';
import { makeClinic, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { attachmentsOf, exportRow, exportsOf, useTempStorage } from '@/test/export-support';
import { exportJob } from './export';

const db = useTestDatabase();
useTempStorage();

let a: TestClinic;
let b: TestClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await makeClinic('a');
  b = await makeClinic('b');
});

/** A queued patient-list export in clinic A, as the request action leaves it. */
async function queuedExport(clinic: TestClinic): Promise<string> {
  const params = canonicalPatientsParams({});
  const row = await tenantDb(clinic.id).transaction((t) =>
    t.insert(exportJobs, {
      kind: 'patients_csv',
      params,
      requestKey: requestKeyOf({ kind: 'patients_csv', params }),
      requestedBy: clinic.doctor.userId,
    }),
  );
  return row.id;
}

function engineFor(data: Record<string, unknown>) {
  return new InngestTestEngine({
    function: exportJob.fn,
    events: [{ name: exportRequested.name, data }],
  });
}

describe('clinic-export under Inngest', () => {
  it('runs a valid event to completion: the export is done with its file', async () => {
    const exportId = await queuedExport(a);
    const { result, error } = await engineFor({ clinicId: a.id, exportId }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ exportId, status: 'done', rowCount: 3 });
    const row = await exportRow(a.id, exportId);
    expect(row).toMatchObject({ status: 'done', progress: 100, rowCount: 3 });
    expect((await attachmentsOf(a.id)).map((f) => f.id)).toEqual([row.attachmentId]);
  });

  it('the same event again makes no second file', async () => {
    const exportId = await queuedExport(a);
    await engineFor({ clinicId: a.id, exportId }).execute();
    const { result } = await engineFor({ clinicId: a.id, exportId }).execute();
    expect(result).toEqual({ exportId, status: 'done' });
    expect(await attachmentsOf(a.id)).toHaveLength(1);
  });

  it.each([
    ['without clinicId', (exportId: string) => ({ exportId })],
    ['with a malformed clinicId', (exportId: string) => ({ clinicId: 'clinic-a', exportId })],
    ['with a malformed exportId', () => ({ clinicId: '', exportId: 'x' })],
  ])('refuses an event %s before the handler runs', async (_label, data) => {
    const exportId = await queuedExport(a);
    const before = [await exportsOf(a.id), await exportsOf(b.id)];
    const { result, error } = await engineFor(data(exportId)).execute();
    expect(result).toBeUndefined();
    expect(error).toBeDefined();
    expect(error).toMatchObject({ name: 'EventValidationError' });
    expect(JSON.stringify(error)).toMatch(/clinicId|exportId/);
    // The handler never ran: nothing changed, the export is still queued.
    expect([await exportsOf(a.id), await exportsOf(b.id)]).toEqual(before);
    expect((await exportRow(a.id, exportId)).status).toBe('queued');
  });

  it('another clinic’s export id is "missing" in the event’s clinic and stays untouched', async () => {
    const exportId = await queuedExport(a);
    const { error } = await engineFor({ clinicId: b.id, exportId }).execute();
    expect(JSON.stringify(error)).toContain('does not exist in this clinic');
    expect((await exportRow(a.id, exportId)).status).toBe('queued');
  });

  it('runs one export at a time per clinic: concurrency is keyed on event.data.clinicId', () => {
    const opts = (exportJob.fn as unknown as { opts: Record<string, unknown> }).opts;
    expect(opts.id).toBe('clinic-export');
    expect(opts.concurrency).toEqual({ key: 'event.data.clinicId', limit: 1 });
    expect(exportJob.trigger.name).toBe('clinic/export.requested');
  });
});

describe('sending export events', () => {
  it('a created event without clinicId is rejected before it leaves the process', async () => {
    const send = inngest.send(exportRequested.create({ exportId: crypto.randomUUID() } as never));
    const err = await send.then(
      () => null,
      (e: unknown) => e as Error,
    );
    // The schema's message, not "no event key": validation stopped it before any network call.
    expect(err?.message).toMatch(/^clinicId: Invalid input/);
    expect(err?.message).not.toMatch(/event key/);
  });

  it('a created event with a malformed clinicId is rejected too', async () => {
    const send = inngest.send(
      exportRequested.create({ clinicId: 'nope', exportId: crypto.randomUUID() }),
    );
    await expect(send).rejects.toThrow(/^clinicId: Invalid UUID/);
  });

  it('a plain object is refused by the ValidatedSendsOnly middleware, even when valid', async () => {
    const send = inngest.send({
      name: exportRequested.name,
      data: { clinicId: a.id, exportId: crypto.randomUUID() },
    });
    await expect(send).rejects.toBeInstanceOf(UncheckedEventError);
    await expect(
      inngest.send({ name: exportRequested.name, data: { clinicId: a.id, exportId: 'x' } }),
    ).rejects.toThrow(/plain object/);
  });

  it('a valid created event does get past validation (and only fails for want of a key)', async () => {
    // Proves the rejections above are validation, not the missing event key of the test env.
    const send = inngest.send(
      exportRequested.create({ clinicId: a.id, exportId: crypto.randomUUID() }),
    );
    const err = await send.then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).not.toBeInstanceOf(UncheckedEventError);
    expect(err?.message).toMatch(/couldn't find an event key/);
  });
});
