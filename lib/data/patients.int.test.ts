import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { appointments, clinicCounters, patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { nextCounter } from '@/lib/counters';
import { NotFoundError } from '@/lib/errors';
import { createPatientSchema, updatePatientSchema } from '@/lib/patients/schema';
import { setClinicSetting } from '@/lib/settings/write';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SHARED_PATIENTS } from '@/test/fixtures';
import {
  auditRows,
  createStaffClinic,
  dataCtx,
  insertPatients,
  type StaffClinic,
} from '@/test/patient-world';
import { createPatient, getPatientForView, updatePatient } from './patients';

const db = useTestDatabase();

let a: StaffClinic;
let b: StaffClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await createStaffClinic('a');
  b = await createStaffClinic('b');
});

const newPatient = (fields: Record<string, unknown>) =>
  createPatientSchema.parse({ sex: 'female', ...fields });

const MARIA = SHARED_PATIENTS[0]; // Maria Garcia, 1980-04-12, in both clinics

async function stored(clinicId: string) {
  return tenantDb(clinicId).transaction((t) => t.from(patients));
}

describe('search keys', () => {
  it('stores lower-case, accent-free, apostrophe-free keys, computed by Postgres', async () => {
    const [row] = await insertPatients(a.id, [
      {
        givenName: 'José Ángel',
        familyName: "O'Brien-Núñez",
        dateOfBirth: '1990-01-01',
        mrn: 'MRN-0X1',
      },
    ]);
    expect(row).toMatchObject({
      givenNameKey: 'jose angel',
      familyNameKey: 'obrien-nunez',
      mrnKey: 'mrn-0x1',
    });
  });
});

describe('createPatient: MRNs', () => {
  it('numbers from the prefix setting and the clinic counter, starting after existing MRNs', async () => {
    // Fixture MRNs are A-1..A-3 (another prefix): the default prefix starts at 1.
    const first = await createPatient(
      dataCtx(a.id),
      newPatient({ givenName: 'New', familyName: 'One', dateOfBirth: '2000-02-02' }),
    );
    expect(first).toMatchObject({ status: 'created', mrn: 'MRN-000001' });
    await tenantDb(a.id).transaction((t) => setClinicSetting(t, 'mrn_prefix', 'NS-', null));
    const second = await createPatient(
      dataCtx(a.id),
      newPatient({ givenName: 'New', familyName: 'Two', dateOfBirth: '2000-02-03' }),
    );
    expect(second).toMatchObject({ status: 'created', mrn: 'NS-000002' });
  });

  it('starts a missing counter after the highest existing number with the prefix', async () => {
    await insertPatients(a.id, [
      { givenName: 'Old', familyName: 'Record', dateOfBirth: '1950-01-01', mrn: 'MRN-000041' },
      { givenName: 'Old', familyName: 'Record', dateOfBirth: '1950-01-02', mrn: 'MRN-000007' },
      { givenName: 'Odd', familyName: 'Record', dateOfBirth: '1950-01-03', mrn: 'MRN-9X' },
    ]);
    const created = await createPatient(
      dataCtx(a.id),
      newPatient({ givenName: 'New', familyName: 'Patient', dateOfBirth: '2000-02-02' }),
    );
    expect(created).toMatchObject({ mrn: 'MRN-000042' });
    // Clinic B's numbering is its own.
    const inB = await createPatient(
      dataCtx(b.id),
      newPatient({ givenName: 'New', familyName: 'Patient', dateOfBirth: '2000-02-02' }),
    );
    expect(inB).toMatchObject({ mrn: 'MRN-000001' });
  });

  it('skips past numbers assigned behind the counter’s back', async () => {
    await tenantDb(a.id).transaction((t) => t.insert(clinicCounters, { name: 'mrn', value: 4 }));
    await insertPatients(a.id, [
      { givenName: 'Imported', familyName: 'Record', dateOfBirth: '1950-01-01', mrn: 'MRN-000005' },
      { givenName: 'Imported', familyName: 'Record', dateOfBirth: '1950-01-02', mrn: 'MRN-000009' },
    ]);
    const created = await createPatient(
      dataCtx(a.id),
      newPatient({ givenName: 'New', familyName: 'Patient', dateOfBirth: '2000-02-02' }),
    );
    expect(created).toMatchObject({ mrn: 'MRN-000010' });
    const next = await createPatient(
      dataCtx(a.id),
      newPatient({ givenName: 'Next', familyName: 'Patient', dateOfBirth: '2000-02-03' }),
    );
    expect(next).toMatchObject({ mrn: 'MRN-000011' });
  });

  it('gives 20 concurrent creates in one clinic 20 distinct, consecutive MRNs', async () => {
    // The counter row exists already: the steady state, where creates queue on its row lock.
    await createPatient(
      dataCtx(a.id),
      newPatient({ givenName: 'First', familyName: 'Person', dateOfBirth: '2010-10-11' }),
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createPatient(
          dataCtx(a.id),
          newPatient({
            givenName: `Parallel${i}`,
            familyName: 'Person',
            dateOfBirth: '2010-10-10',
            confirmDuplicate: true,
          }),
        ),
      ),
    );
    const mrns = results.map((r) => (r.status === 'created' ? r.mrn : r.status)).sort();
    expect(mrns).toEqual(
      Array.from({ length: 20 }, (_, i) => `MRN-${String(i + 2).padStart(6, '0')}`),
    );
    const [counter] = await tenantDb(a.id).transaction((t) =>
      t.from(clinicCounters).where(eq(clinicCounters.name, 'mrn')),
    );
    expect(counter?.value).toBe(21);
  });

  it('nextCounter hands concurrent transactions distinct values (the MRN safety net aside)', async () => {
    const values = await Promise.all(
      Array.from({ length: 20 }, () =>
        tenantDb(a.id).transaction(async (t) => {
          const first = await nextCounter(t, 'test-counter');
          // Hold the transaction open a moment, as a create does while it inserts.
          await new Promise((r) => setTimeout(r, 5));
          return first;
        }),
      ),
    );
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Another clinic's counter of the same name is its own.
    expect(await tenantDb(b.id).transaction((t) => nextCounter(t, 'test-counter'))).toBe(1);
  });

  it('records patient.create with ids only', async () => {
    const created = await createPatient(
      dataCtx(a.id, a.staff.receptionist.id),
      newPatient({ givenName: 'Audit', familyName: 'Me', dateOfBirth: '2000-02-02' }),
    );
    const [event] = await auditRows(a.id, 'patient.create');
    expect(event).toMatchObject({
      actorUserId: a.staff.receptionist.id,
      entityType: 'patient',
      entityId: created.status === 'created' ? created.id : 'x',
      outcome: 'success',
      metadata: { portalLinked: false, duplicateConfirmed: false },
    });
    expect(JSON.stringify(event)).not.toMatch(/Audit|2000-02-02/);
  });
});

describe('createPatient: duplicates', () => {
  const ctx = () => dataCtx(a.id);

  it('returns same-clinic exact matches instead of creating, and never another clinic’s', async () => {
    const before = (await stored(a.id)).length;
    const result = await createPatient(ctx(), newPatient({ ...MARIA }));
    expect(result).toEqual({
      status: 'duplicates',
      duplicates: [
        {
          id: a.patientIds[0],
          givenName: 'Maria',
          familyName: 'Garcia',
          dateOfBirth: '1980-04-12',
          mrn: 'A-1',
          reason: 'same_name_and_dob',
        },
      ],
    });
    expect((await stored(a.id)).length).toBe(before);
    // Nothing was drawn from the counter either.
    const created = await createPatient(ctx(), newPatient({ ...MARIA, confirmDuplicate: true }));
    expect(created).toMatchObject({ status: 'created', mrn: 'MRN-000001' });
  });

  it.each([
    ['swapped names', { givenName: 'Garcia', familyName: 'Maria' }, 'swapped_names'],
    ['a similar name', { givenName: 'Maria', familyName: 'Garcia-Lopez' }, 'similar_name'],
    ['a typo in the date of birth', { dateOfBirth: '1980-04-21' }, 'dob_typo'],
    [
      'different case and accents',
      { givenName: 'MARÍA', familyName: 'garcía' },
      'same_name_and_dob',
    ],
  ])('finds near matches: %s', async (_label, change, reason) => {
    const result = await createPatient(ctx(), newPatient({ ...MARIA, ...change }));
    expect(result.status).toBe('duplicates');
    if (result.status !== 'duplicates') return;
    expect(result.duplicates.map((d) => [d.id, d.reason])).toEqual([[a.patientIds[0], reason]]);
  });

  it('does not flag a different person, nor someone registered only at another clinic', async () => {
    await insertPatients(b.id, [
      { givenName: 'Only', familyName: 'InB', dateOfBirth: '1977-07-07' },
    ]);
    expect(
      await createPatient(
        ctx(),
        newPatient({ givenName: 'Only', familyName: 'InB', dateOfBirth: '1977-07-07' }),
      ),
    ).toMatchObject({ status: 'created' });
    expect(
      await createPatient(
        ctx(),
        newPatient({ givenName: 'Jose', familyName: 'Garcia', dateOfBirth: '1980-04-12' }),
      ),
    ).toMatchObject({ status: 'created' });
  });
});

describe('getPatientForView', () => {
  it('returns the record with appointments in the clinic timezone and audits the view', async () => {
    const patientId = a.patientIds[0]!;
    await tenantDb(a.id).transaction(async (t) => {
      await setClinicSetting(t, 'timezone', 'Europe/Berlin', null);
      const slot = (iso: string, reason: string) => ({
        patientId,
        practitionerMembershipId: a.practitionerMembershipId,
        startsAt: new Date(iso),
        endsAt: new Date(new Date(iso).getTime() + 30 * 60_000),
        reason,
      });
      await t.insert(appointments, [
        slot('2026-03-01T09:00:00Z', 'Past visit'),
        slot('2026-03-20T09:00:00Z', 'Next visit'),
      ]);
    });
    const viewer = a.staff.nurse.id;
    const view = await getPatientForView(
      dataCtx(a.id, viewer),
      patientId,
      new Date('2026-03-10T00:00:00Z'),
    );
    expect(view).toMatchObject({
      id: patientId,
      mrn: 'A-1',
      givenName: 'Maria',
      timeZone: 'Europe/Berlin',
    });
    expect(view.upcoming.map((x) => [x.reason, x.practitionerName])).toEqual([
      ['Next visit', 'Dr a'],
    ]);
    expect(view.past.map((x) => x.reason)).toEqual(['Past visit']);
    const [event] = await auditRows(a.id, 'patient.view');
    expect(event).toMatchObject({
      actorUserId: viewer,
      entityType: 'patient',
      entityId: patientId,
      outcome: 'success',
      metadata: null,
    });
  });

  it("treats another clinic's id, a missing id and a malformed id alike: NotFound", async () => {
    for (const id of [b.patientIds[0]!, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'])
      await expect(getPatientForView(dataCtx(a.id), id)).rejects.toBeInstanceOf(NotFoundError);
    // The attempts are audited in the viewer's clinic; clinic B's log is untouched.
    expect((await auditRows(a.id, 'patient.view')).map((e) => e.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
    ]);
    expect(await auditRows(b.id, 'patient.view')).toEqual([]);
  });
});

describe('updatePatient', () => {
  it('saves the details but never the MRN, and audits the changed field names', async () => {
    const id = a.patientIds[1]!;
    await updatePatient(
      dataCtx(a.id),
      updatePatientSchema.parse({
        id,
        givenName: 'Jim',
        familyName: 'Smith',
        dateOfBirth: '1975-09-30',
        sex: 'male',
        phone: '555 0101',
      }),
    );
    const row = (await stored(a.id)).find((p) => p.id === id);
    expect(row).toMatchObject({
      givenName: 'Jim',
      phone: '555 0101',
      mrn: 'A-2',
      givenNameKey: 'jim',
    });
    const [event] = await auditRows(a.id, 'patient.update');
    expect(event?.metadata).toEqual({ fields: ['givenName', 'phone'] });
  });

  it("refuses another clinic's patient as not found and leaves it alone", async () => {
    const id = b.patientIds[0]!;
    await expect(
      updatePatient(
        dataCtx(a.id),
        updatePatientSchema.parse({
          id,
          givenName: 'Hacked',
          familyName: 'X',
          dateOfBirth: '1980-04-12',
          sex: 'female',
        }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await stored(b.id)).find((p) => p.id === id)?.givenName).toBe('Maria');
  });
});
