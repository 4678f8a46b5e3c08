/**
 * Exports end to end against the real database and local storage (a temp directory): requesting
 * through the actions, the job (inline), the stored file and its replacement, the job-time
 * permission check, and de-duplication of a request that is already running.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { changeMembershipRole, removeMembership } from '@/db/control/memberships';
import { appointments, auditEvents, clinicSettings, exportJobs, patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { requestAppointmentsCsvAction } from '@/lib/actions/exports/request-appointments-csv';
import { requestPatientSummaryAction } from '@/lib/actions/exports/request-patient-summary';
import { requestPatientsCsvAction } from '@/lib/actions/exports/request-patients-csv';
import { listExports, requestExport, STALE_EXPORT_MS } from '@/lib/data/exports';
import { listPatients } from '@/lib/data/patient-list';
import { runInline } from '@/lib/jobs/inline';
import { parsePatientListParams, PATIENT_SORTS } from '@/lib/patients/list-params';
import { makeClinic, makeMember, signInMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SYSTEM_ACTOR } from '@/test/fixtures';
import {
  attachmentsOf,
  exportFile,
  exportRow,
  exportsOf,
  exportText,
  jobHold,
  parseCsv,
  pdfText,
  storedFiles,
  useTempStorage,
} from '@/test/export-support';
import { fromPage, signOut } from '@/test/session-state';
import { PATIENT_CSV_HEADER } from './csv-sources';
import { canonicalPatientsParams, patientsCsvInputSchema, type PatientsCsvParams } from './params';
import { REVOKED_REASON, finishExport, produceExport, startExport } from './run';

vi.mock('@/lib/jobs/dispatch', async (importOriginal) => {
  const { holdableDispatch } = await import('@/test/export-support');
  return holdableDispatch(await importOriginal());
});

const db = useTestDatabase();
const storage = useTempStorage();

let a: TestClinic;
let b: TestClinic;

beforeEach(async () => {
  jobHold.on = false;
  jobHold.events = [];
  signOut();
  await resetDatabase(db.handle());
  a = await makeClinic('a', 'America/New_York');
  b = await makeClinic('b', 'Europe/Berlin');
});

function ok<T>(r: { data?: T; serverError?: unknown; validationErrors?: unknown }): T {
  if (r.data === undefined)
    throw new Error(
      `action failed: ${JSON.stringify({ s: r.serverError, v: r.validationErrors })}`,
    );
  return r.data;
}

/** The job's domain steps without the action or the queue: start, produce, finish. */
async function produceDirectly(clinic: TestClinic, params: PatientsCsvParams, batchSize: number) {
  const scope = tenantDb(clinic.id);
  const row = await scope.transaction((t) =>
    t.insert(exportJobs, {
      kind: 'patients_csv',
      params,
      requestKey: `test:${randomUUID()}`,
      requestedBy: clinic.doctor.userId,
    }),
  );
  const start = await startExport(scope, row.id);
  if (start.state !== 'started') throw new Error(`export not started: ${start.state}`);
  const produced = await produceExport(
    scope,
    { id: clinic.id, name: `${clinic.id} clinic`, timezone: clinic.timezone, timeFormat: '24h' },
    start.export,
    { batchSize },
  );
  await finishExport(scope, row.id, produced);
  return { produced, csv: parseCsv(await exportText(clinic.id, row.id)) };
}

/** Runs the jobs held so far (the "worker" catching up). */
async function runHeldJobs() {
  const events = jobHold.events.splice(0);
  for (const e of events) await runInline(e).catch(() => {});
  return events.length;
}

describe('patient list CSV', () => {
  it('exports the clinic’s patients only, with a header, and finishes the export row', async () => {
    await signInMember(a.doctor);
    const { exportId, alreadyRunning } = ok(await fromPage(requestPatientsCsvAction)({}));
    expect(alreadyRunning).toBe(false);

    const row = await exportRow(a.id, exportId);
    expect(row).toMatchObject({ status: 'done', progress: 100, rowCount: 3, failureReason: null });
    expect(row.startedAt).not.toBeNull();
    expect(row.finishedAt).not.toBeNull();

    const csv = parseCsv(await exportText(a.id, exportId));
    expect(csv[0]).toEqual([...PATIENT_CSV_HEADER]);
    // Family-name order, as the list; the same names exist in clinic B, under B- MRNs.
    expect(csv.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['A-1', 'Garcia', 'Maria'],
      ['A-2', 'Smith', 'James'],
      ['A-3', 'Tanaka', 'Aiko'],
    ]);
    expect(csv.slice(1).map((r) => r[4])).toEqual(['Female', 'Male', 'Female']);
    expect(await exportsOf(b.id)).toEqual([]);
    expect(await attachmentsOf(b.id)).toEqual([]);

    const [attachment] = await attachmentsOf(a.id);
    expect(attachment).toMatchObject({
      entityType: 'patient_list',
      entityId: a.id,
      purpose: 'export',
      createdBy: a.doctor.userId,
      contentType: 'text/csv; charset=utf-8',
    });
    expect(attachment!.storageKey.startsWith(`clinic_${a.id}/export/`)).toBe(true);
  });

  it('neutralises formula cells in a real export', async () => {
    await tenantDb(a.id).transaction((t) =>
      t.insert(patients, {
        mrn: 'A-9',
        givenName: '=HYPERLINK("http://evil.example","Click")',
        familyName: '+Adams',
        dateOfBirth: '1990-01-01',
        sex: 'other',
        phone: '@SUM(1+1)',
      }),
    );
    await signInMember(a.doctor);
    const { exportId } = ok(await fromPage(requestPatientsCsvAction)({}));
    const raw = await exportText(a.id, exportId);
    expect(raw).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    const adams = parseCsv(raw).find((r) => r[0] === 'A-9')!;
    expect(adams[1]).toBe("'+Adams");
    expect(adams[2]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    expect(adams[5]).toBe("'@SUM(1+1)");
    for (const cell of parseCsv(raw).flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('respects the list’s filters: the same rows in the same order as the list', async () => {
    await tenantDb(a.id).transaction((t) =>
      t.insert(
        patients,
        Array.from({ length: 23 }, (_, i) => ({
          mrn: `A-${100 + i}`,
          givenName: ['Ana', 'Bo', 'Cy', 'Di'][i % 4]!,
          familyName: ['García', 'Garcia', 'Smith', "O'Brien", 'Gar'][i % 5]!,
          dateOfBirth: `19${50 + i}-0${1 + (i % 9)}-1${i % 10}`,
          sex: (['female', 'male', 'other'] as const)[i % 3]!,
        })),
      ),
    );
    await signInMember(a.doctor);
    const filters = [
      {},
      { q: 'gar' },
      { q: 'smith bo' },
      { sex: 'male' as const },
      { dobFrom: '1960-01-01', dobTo: '1969-12-31' },
      { q: 'gar', sex: 'female' as const, sort: 'dob' as const, dir: 'desc' as const },
      ...PATIENT_SORTS.flatMap((sort) => [
        { sort, dir: 'asc' as const },
        { sort, dir: 'desc' as const },
      ]),
    ];
    const scope = tenantDb(a.id);
    for (const filter of filters) {
      const params = canonicalPatientsParams(patientsCsvInputSchema.parse(filter));
      const list = await listPatients(
        { db: scope },
        parsePatientListParams({ ...filter, size: '100' }),
      );
      // Batches of 2, so the keyset walk crosses many batch boundaries.
      const { produced, csv } = await produceDirectly(a, params, 2);
      expect(
        csv.slice(1).map((r) => r[0]),
        JSON.stringify(filter),
      ).toEqual(list.rows.map((r) => r.mrn));
      expect(produced.rowCount).toBe(list.total);
      expect(list.total).toBeGreaterThan(0);
    }
  });

  it('replaces (soft-deletes) the previous export of the same list', async () => {
    await signInMember(a.doctor);
    const first = ok(await fromPage(requestPatientsCsvAction)({}));
    const second = ok(await fromPage(requestPatientsCsvAction)({ sex: 'female' }));
    expect(second.exportId).not.toBe(first.exportId);
    const [older, newer] = await attachmentsOf(a.id);
    expect(older!.id).toBe((await exportRow(a.id, first.exportId)).attachmentId);
    expect(older!.deletedAt).not.toBeNull();
    expect(newer!.id).toBe((await exportRow(a.id, second.exportId)).attachmentId);
    expect(newer!.deletedAt).toBeNull();

    const page = await listExports({ db: tenantDb(a.id) }, true);
    const byId = new Map(page.exports.map((e) => [e.id, e]));
    expect(byId.get(first.exportId)!.file).toEqual({ state: 'replaced' });
    expect(byId.get(second.exportId)!.file).toMatchObject({
      state: 'available',
      attachmentId: newer!.id,
    });
    expect(byId.get(second.exportId)!.description).toBe('All patients · Female');
    expect(byId.get(second.exportId)!.requestedBy).toBe(a.doctor.name);
  });

  it('asking again while the same export is queued returns it and starts nothing new', async () => {
    jobHold.on = true;
    await signInMember(a.doctor);
    const first = ok(await fromPage(requestPatientsCsvAction)({ q: ' gar ' }));
    // The same filter written differently (trimmed, defaults spelled out) is the same export.
    const again = ok(
      await fromPage(requestPatientsCsvAction)({ q: 'gar', sort: 'family', dir: 'asc' }),
    );
    expect(again).toEqual({ exportId: first.exportId, status: 'queued', alreadyRunning: true });
    expect(jobHold.events).toHaveLength(1);
    expect(await exportsOf(a.id)).toHaveLength(1);

    // Still the same while it runs (status running).
    await tenantDb(a.id).transaction((t) =>
      t.update(exportJobs, { status: 'running' }, eq(exportJobs.id, first.exportId)),
    );
    const third = ok(await fromPage(requestPatientsCsvAction)({ q: 'gar' }));
    expect(third).toMatchObject({ exportId: first.exportId, alreadyRunning: true });

    // A different filter is a different export.
    const other = ok(await fromPage(requestPatientsCsvAction)({ q: 'smi' }));
    expect(other.exportId).not.toBe(first.exportId);
    expect(jobHold.events).toHaveLength(2);

    await tenantDb(a.id).transaction((t) =>
      t.update(exportJobs, { status: 'queued' }, eq(exportJobs.id, first.exportId)),
    );
    expect(await runHeldJobs()).toBe(2);
    expect((await exportRow(a.id, first.exportId)).status).toBe('done');
    // Once finished, the same request starts a fresh export.
    const later = ok(await fromPage(requestPatientsCsvAction)({ q: 'gar' }));
    expect(later.exportId).not.toBe(first.exportId);
    expect(later.alreadyRunning).toBe(false);

    const audit = await tenantDb(a.id).list(auditEvents, {
      where: eq(auditEvents.action, 'export.request'),
      limit: 100,
    });
    expect(audit).toHaveLength(5);
    for (const e of audit) expect(JSON.stringify(e.metadata)).not.toContain('gar');
  });

  it('a stale export (its worker died) no longer blocks the same request', async () => {
    jobHold.on = true;
    await signInMember(a.doctor);
    const first = ok(await fromPage(requestPatientsCsvAction)({}));
    const ctx = {
      db: tenantDb(a.id),
      user: { id: a.doctor.userId, email: '', name: '', systemRoleId: null },
      meta: { ip: null, requestId: 'test' },
    };
    const later = await requestExport(
      ctx as never,
      { kind: 'patients_csv', params: canonicalPatientsParams({}) },
      { now: new Date(Date.now() + STALE_EXPORT_MS + 60_000) },
    );
    expect(later.exportId).not.toBe(first.exportId);
    expect(later.alreadyRunning).toBe(false);
    expect(await exportRow(a.id, first.exportId)).toMatchObject({ status: 'failed' });
  });

  it('an export is stale from exactly STALE_EXPORT_MS after it started, not a moment later', async () => {
    jobHold.on = true;
    await signInMember(a.doctor);
    const first = ok(await fromPage(requestPatientsCsvAction)({}));
    const row = await exportRow(a.id, first.exportId);
    const ctx = {
      db: tenantDb(a.id),
      user: { id: a.doctor.userId, email: '', name: '', systemRoleId: null },
      meta: { ip: null, requestId: 'test' },
    };
    const request = { kind: 'patients_csv' as const, params: canonicalPatientsParams({}) };
    const since = (row.startedAt ?? row.createdAt).getTime();
    const justBefore = await requestExport(ctx as never, request, {
      now: new Date(since + STALE_EXPORT_MS - 1),
    });
    expect(justBefore).toMatchObject({ exportId: first.exportId, alreadyRunning: true });
    const atTheLimit = await requestExport(ctx as never, request, {
      now: new Date(since + STALE_EXPORT_MS),
    });
    expect(atTheLimit.exportId).not.toBe(first.exportId);
  });

  it('a revoked permission stops the job: failed, with the reason, and no file', async () => {
    jobHold.on = true;
    await signInMember(a.doctor);
    const { exportId } = ok(await fromPage(requestPatientsCsvAction)({}));
    // Demoted to receptionist (no patients.export) before the job runs.
    await changeMembershipRole(SYSTEM_ACTOR, a.doctor.membershipId, 'receptionist');
    const [event] = jobHold.events.splice(0);
    await expect(runInline(event!)).rejects.toThrow(REVOKED_REASON);
    expect(await exportRow(a.id, exportId)).toMatchObject({
      status: 'failed',
      failureReason: REVOKED_REASON,
      attachmentId: null,
    });
    expect(await attachmentsOf(a.id)).toEqual([]);
    expect(storedFiles(storage.dir()).filter((f) => f.includes(a.id))).toEqual([]);
    const page = await listExports({ db: tenantDb(a.id) }, true);
    expect(page.exports[0]).toMatchObject({
      status: 'failed',
      failureReason: REVOKED_REASON,
      file: { state: 'none' },
    });
  });

  it('a requester who left the clinic is refused too', async () => {
    jobHold.on = true;
    // A doctor (who may export): the clinic's only admin could not be removed (the last-admin rule).
    const leaver = await makeMember(a.id, 'doctor');
    await signInMember(leaver);
    const { exportId } = ok(await fromPage(requestPatientsCsvAction)({}));
    await removeMembership(SYSTEM_ACTOR, leaver.membershipId);
    await runHeldJobs();
    expect(await exportRow(a.id, exportId)).toMatchObject({
      status: 'failed',
      failureReason: REVOKED_REASON,
    });
    const page = await listExports({ db: tenantDb(a.id) }, true);
    expect(page.exports[0]!.requestedBy).toBe('Former staff member');
  });

  it('the job of one clinic never sees another clinic’s export', async () => {
    jobHold.on = true;
    await signInMember(a.doctor);
    const { exportId } = ok(await fromPage(requestPatientsCsvAction)({}));
    const [event] = jobHold.events.splice(0);
    const forged = { ...event!, data: { clinicId: b.id, exportId } };
    await expect(runInline(forged)).rejects.toThrow(/does not exist in this clinic/);
    expect((await exportRow(a.id, exportId)).status).toBe('queued');
  });
});

describe('appointments CSV', () => {
  async function book(clinic: TestClinic, patientId: string, startsAt: string, reason: string) {
    const start = new Date(startsAt);
    await tenantDb(clinic.id).transaction((t) =>
      t.insert(appointments, {
        patientId,
        practitionerMembershipId: clinic.doctor.membershipId,
        startsAt: start,
        endsAt: new Date(start.getTime() + 30 * 60_000),
        reason,
      }),
    );
  }

  it('exports the range in the clinic’s timezone, this clinic only', async () => {
    // New York is UTC-4 in June: local 3 June runs 04:00Z on the 3rd to 04:00Z on the 4th.
    await book(a, a.patientIds[0]!, '2030-06-03T13:00:00Z', 'Check-up');
    await book(a, a.patientIds[1]!, '2030-06-04T02:00:00Z', 'Late');
    await book(a, a.patientIds[2]!, '2030-06-03T03:00:00Z', 'Day before locally');
    await book(b, b.patientIds[0]!, '2030-06-03T13:00:00Z', 'Other clinic');
    await signInMember(a.doctor);
    const { exportId } = ok(
      await fromPage(requestAppointmentsCsvAction)({ from: '2030-06-03', to: '2030-06-03' }),
    );
    const csv = parseCsv(await exportText(a.id, exportId));
    expect(csv).toEqual([
      [
        'Date',
        'Start',
        'End',
        'Time zone',
        'Family name',
        'Given name',
        'MRN',
        'Practitioner',
        'Status',
        'Reason',
      ],
      [
        '2030-06-03',
        '09:00',
        '09:30',
        'America/New_York',
        'Garcia',
        'Maria',
        'A-1',
        'Dr a',
        'Scheduled',
        'Check-up',
      ],
      [
        '2030-06-03',
        '22:00',
        '22:30',
        'America/New_York',
        'Smith',
        'James',
        'A-2',
        'Dr a',
        'Scheduled',
        'Late',
      ],
    ]);
    expect((await exportRow(a.id, exportId)).rowCount).toBe(2);
    const [attachment] = await attachmentsOf(a.id);
    expect(attachment).toMatchObject({ entityType: 'appointment_list', entityId: a.id });
    expect(attachment!.filename).toBe('appointments-2030-06-03-to-2030-06-03.csv');
  });

  it('rejects a range that ends before it starts, and extra fields', async () => {
    await signInMember(a.doctor);
    const backwards = await fromPage(requestAppointmentsCsvAction)({
      from: '2030-06-03',
      to: '2030-06-01',
    });
    expect(backwards.validationErrors).toBeDefined();
    const smuggled = await fromPage(requestAppointmentsCsvAction)({
      from: '2030-06-01',
      to: '2030-06-03',
      clinicId: b.id,
    } as never);
    expect(smuggled.validationErrors).toBeDefined();
    expect(await exportsOf(a.id)).toEqual([]);
    expect(await exportsOf(b.id)).toEqual([]);
  });
});

describe('patient summary PDF', () => {
  it('is a PDF with the clinic’s name, the patient and times in the clinic’s timezone', async () => {
    await tenantDb(a.id).transaction((t) =>
      t.insert(clinicSettings, { key: 'display_name', value: 'Northside Family Practice' }),
    );
    await tenantDb(a.id).transaction((t) =>
      t.insert(appointments, {
        patientId: a.patientIds[0]!,
        practitionerMembershipId: a.doctor.membershipId,
        startsAt: new Date('2030-06-03T13:00:00Z'),
        endsAt: new Date('2030-06-03T13:30:00Z'),
        reason: 'Annual review',
      }),
    );
    await signInMember(a.doctor);
    const { exportId } = ok(
      await fromPage(requestPatientSummaryAction)({ patientId: a.patientIds[0]! }),
    );
    const pdf = await exportFile(a.id, exportId);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const shown = pdfText(pdf);
    expect(shown).toContain('Northside Family Practice');
    expect(shown).toContain('America/New_York');
    expect(shown).toContain('Garcia, Maria');
    expect(shown).toContain('A-1');
    expect(shown).toContain('Mon 3 Jun 2030, 09:00–09:30');
    expect(shown).toContain('Page 1 of 1');
    const [attachment] = await attachmentsOf(a.id);
    expect(attachment).toMatchObject({
      entityType: 'patient',
      entityId: a.patientIds[0],
      contentType: 'application/pdf',
    });
    const page = await listExports({ db: tenantDb(a.id) }, true);
    expect(page.exports[0]!.description).toBe('A-1');
  });

  it('another clinic’s patient (or a missing one) is not found, and nothing is queued', async () => {
    await signInMember(a.doctor);
    for (const patientId of [b.patientIds[0]!, '00000000-0000-4000-8000-000000000000']) {
      const r = await fromPage(requestPatientSummaryAction)({ patientId });
      expect(r.serverError).toBe('Patient not found');
      expect(r.data).toBeUndefined();
    }
    expect(await exportsOf(a.id)).toEqual([]);
    expect(await exportsOf(b.id)).toEqual([]);
    const failures = await tenantDb(a.id).list(auditEvents, {
      where: and(eq(auditEvents.action, 'export.request'), eq(auditEvents.outcome, 'failure')),
      limit: 10,
    });
    expect(failures).toHaveLength(2);
  });

  it('a second summary of the same patient replaces the first', async () => {
    await signInMember(a.doctor);
    ok(await fromPage(requestPatientSummaryAction)({ patientId: a.patientIds[0]! }));
    ok(await fromPage(requestPatientSummaryAction)({ patientId: a.patientIds[0]! }));
    ok(await fromPage(requestPatientSummaryAction)({ patientId: a.patientIds[1]! }));
    const files = await attachmentsOf(a.id);
    expect(files.map((f) => [f.entityId, f.deletedAt !== null])).toEqual([
      [a.patientIds[0], true],
      [a.patientIds[0], false],
      [a.patientIds[1], false],
    ]);
  });
});
