/**
 * CSV exports streamed from the database into storage (issue 12 §3), on Postgres (a cursor in one
 * tenant transaction) and PGlite (keyset batches) alike: the same bytes as the batch-per-
 * transaction exports made before (lib/exports/testdata/, written by the code on main before the
 * change), whatever the batch size; another clinic's rows never in the file; and a failure in the
 * middle of the stream leaves the export failed with no file, the previous one still in place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Transform, pipeline } from 'node:stream';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { appointments, exportJobs, patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { requestPatientsCsvAction } from '@/lib/actions/exports/request-patients-csv';
import { setStorage, type StorageDriver } from '@/lib/storage';
import { localDriver } from '@/lib/storage/local';
import { makeClinic, signInMember, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import {
  attachmentsOf,
  exportRow,
  exportText,
  storedFiles,
  useTempStorage,
} from '@/test/export-support';
import { fromPage } from '@/test/session-state';
import { canonicalPatientsParams } from './params';
import { STOPPED_REASON, finishExport, produceExport, startExport } from './run';

const db = useTestDatabase();
const storage = useTempStorage();
const TESTDATA = path.join(import.meta.dirname, 'testdata');

let a: TestClinic;
let b: TestClinic;

/** Cells a CSV writer must quote, neutralise or keep as they are. */
const AWKWARD = [
  { family: 'O’Brien, Jr.', given: 'Seán', phone: '=1+1', email: 'a"b@example.com' },
  { family: 'Zoë', given: 'Line\nbreak', phone: '+1 555 0100', email: null },
  { family: 'Müller', given: '@home', phone: null, email: 'm@example.com' },
  { family: 'ångström', given: '-5', phone: '\t9', email: 'x;y@example.com' },
];

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await makeClinic('a', 'America/New_York');
  b = await makeClinic('b', 'Europe/Berlin');
  const registered = (i: number) => new Date(Date.UTC(2024, 2, 10, 6, 30 + i, i));
  await tenantDb(a.id).transaction(async (t) => {
    // Fixed registration times, so the file is the same on every run.
    await t.update(patients, { createdAt: registered(0) }, undefined);
    await t.insert(
      patients,
      Array.from({ length: 23 }, (_, i) => {
        const odd = AWKWARD[i % AWKWARD.length]!;
        return {
          mrn: `A-${100 + i}`,
          familyName: i < AWKWARD.length ? odd.family : `Family ${String.fromCharCode(65 + i)}`,
          givenName: i < AWKWARD.length ? odd.given : `Given ${i % 3}`,
          dateOfBirth: `19${50 + i}-0${1 + (i % 9)}-1${i % 10}`,
          sex: (['female', 'male', 'other', 'unknown'] as const)[i % 4]!,
          phone: odd.phone,
          email: odd.email,
          addressLine: i % 2 ? `${i} Main St, Apt "${i}"` : null,
          city: i % 3 ? 'Springfield' : null,
          postalCode: i % 5 ? `0${i}00` : null,
          createdAt: registered(i + 1),
        };
      }),
    );
    const ids = (await t.list(patients, { limit: 100, orderBy: [patients.mrn] })).map((p) => p.id);
    await t.insert(
      appointments,
      ids.slice(0, 6).map((patientId, i) => ({
        patientId,
        practitionerMembershipId: a.doctor.membershipId,
        startsAt: new Date(Date.UTC(2030, 5, 3, 12 + i, 15 * (i % 2))),
        endsAt: new Date(Date.UTC(2030, 5, 3, 12 + i, 15 * (i % 2) + 30)),
        reason: i % 2 ? `Follow-up, "${i}"` : '=HYPERLINK("x")',
      })),
    );
  });
});

type CsvRequest = { kind: 'patients_csv' | 'appointments_csv'; params: Record<string, unknown> };

/** The clinic as the export job sees it. */
const jobClinic = (clinic: TestClinic) =>
  ({ id: clinic.id, name: 'A clinic', timezone: clinic.timezone, timeFormat: '24h' }) as const;

/** A new export of the clinic, started as the job's first step does. */
async function startedExport(clinic: TestClinic, request: CsvRequest) {
  const scope = tenantDb(clinic.id);
  const row = await scope.transaction((t) =>
    t.insert(exportJobs, {
      kind: request.kind,
      params: request.params,
      requestKey: `test:${randomUUID()}`,
      requestedBy: clinic.doctor.userId,
    }),
  );
  const start = await startExport(scope, row.id);
  if (start.state !== 'started') throw new Error(`export not started: ${start.state}`);
  return { scope, exportId: row.id, started: start.export };
}

/** Start, produce (with this batch size) and finish one export, as the job's steps do. */
async function produce(
  clinic: TestClinic,
  request: CsvRequest,
  batchSize: number,
): Promise<string> {
  const { scope, exportId, started } = await startedExport(clinic, request);
  const produced = await produceExport(scope, jobClinic(clinic), started, {
    batchSize,
    now: new Date('2030-06-10T12:00:00Z'),
  });
  await finishExport(scope, exportId, produced);
  return exportText(clinic.id, exportId);
}

const GOLDEN = [
  {
    file: 'patients-default.csv',
    request: { kind: 'patients_csv', params: canonicalPatientsParams({}) },
  },
  {
    file: 'patients-dob-desc-female.csv',
    request: {
      kind: 'patients_csv',
      params: canonicalPatientsParams({ sort: 'dob', dir: 'desc', sex: 'female' }),
    },
  },
  {
    file: 'appointments.csv',
    request: {
      kind: 'appointments_csv',
      params: { from: '2030-06-01', to: '2030-06-30', status: null },
    },
  },
] as const;

describe('streamed CSV exports', () => {
  it.each(GOLDEN)(
    '$file: the same bytes as before the change, in batches of 1, 4 or 1,000',
    async ({ file, request }) => {
      const before = fs.readFileSync(path.join(TESTDATA, file), 'utf8');
      for (const batchSize of [1, 4, 1000]) {
        expect(await produce(a, request, batchSize)).toBe(before);
      }
    },
  );

  it('another clinic’s rows never appear, in any batch size', async () => {
    const request = { kind: 'patients_csv', params: canonicalPatientsParams({}) } as const;
    for (const batchSize of [1, 2, 1000]) {
      const csv = await produce(b, request, batchSize);
      expect(csv.trimEnd().split('\r\n').slice(1)).toEqual([
        expect.stringMatching(/^B-1,Garcia,Maria,/),
        expect.stringMatching(/^B-2,Smith,James,/),
        expect.stringMatching(/^B-3,Tanaka,Aiko,/),
      ]);
    }
  });
});

describe('an export stopped while it runs', () => {
  it('ends with the stopped reason at its first progress update, and stores no file', async () => {
    const request = { kind: 'patients_csv', params: canonicalPatientsParams({}) } as const;
    const { scope, exportId, started } = await startedExport(a, request);
    const filesBefore = storedFiles(storage.dir());
    // Stopped (failed from elsewhere) after it started: the job's progress update sees it.
    await scope.transaction((t) =>
      t.update(exportJobs, { status: 'failed' }, eq(exportJobs.id, exportId)),
    );
    await expect(produceExport(scope, jobClinic(a), started, { batchSize: 1 })).rejects.toThrow(
      STOPPED_REASON,
    );
    expect(await attachmentsOf(a.id)).toHaveLength(0);
    expect(storedFiles(storage.dir())).toEqual(filesBefore);
  });
});

/** Local storage that breaks off after `limit` bytes of an export, as a full disk would. */
function breaksOffAfter(limit: number, inner: StorageDriver): StorageDriver {
  return {
    ...inner,
    put(key, body, contentType) {
      if (Buffer.isBuffer(body)) return inner.put(key, body, contentType);
      let seen = 0;
      const cut = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          seen += chunk.length;
          done(seen > limit ? new Error('ENOSPC: no space left on device') : null, chunk);
        },
      });
      return inner.put(
        key,
        pipeline(body, cut, () => {}),
        contentType,
      );
    },
  };
}

describe('a failure in the middle of the stream', () => {
  it('fails the export with a reference, stores no file, and keeps the previous one', async () => {
    await signInMember(a.doctor);
    const first = await fromPage(requestPatientsCsvAction)({});
    const firstId = first.data!.exportId;
    expect((await exportRow(a.id, firstId)).status).toBe('done');
    const previous = await exportText(a.id, firstId);
    const filesBefore = storedFiles(storage.dir());

    setStorage(breaksOffAfter(200, localDriver(storage.dir())));
    try {
      const second = await fromPage(requestPatientsCsvAction)({ sex: 'female' });
      const failed = await exportRow(a.id, second.data!.exportId);
      expect(failed).toMatchObject({ status: 'failed', attachmentId: null });
      expect(failed.failureReason).toMatch(/could not be produced \(reference \w+\)/);
    } finally {
      setStorage(localDriver(storage.dir()));
    }
    // No part file, no second file, no attachment row: the previous file is still the live one.
    expect(storedFiles(storage.dir())).toEqual(filesBefore);
    const attachments = await attachmentsOf(a.id);
    expect(attachments).toHaveLength(1);
    expect(attachments[0]?.deletedAt).toBeNull();
    expect(await exportText(a.id, firstId)).toBe(previous);
    // And the stream's connection was given back clean: the next export works.
    const third = await fromPage(requestPatientsCsvAction)({ sex: 'male' });
    expect((await exportRow(a.id, third.data!.exportId)).status).toBe('done');
  });
});
