import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { listClinics } from '@/db/control/clinics';
import { findUserByEmail } from '@/db/control/users';
import { patients } from '@/db/schema';
import { seedDemo } from '@/db/seed/demo';
import { tenantDb } from '@/db/tenant';
import { PORTAL_EMAIL_NO_ACCOUNT } from '@/lib/patients/errors';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { SHARED_PATIENTS } from '@/test/fixtures';
import { auditRows, createStaffClinic, signInTo, type StaffClinic } from '@/test/patient-world';
import { fromPage, signOut } from '@/test/session-state';
import { createPatientAction } from './create-patient';
import { updatePatientAction } from './update-patient';

const db = useTestDatabase();

const person = (fields: Record<string, unknown> = {}) => ({
  givenName: 'Nia',
  familyName: 'Okafor',
  dateOfBirth: '1994-06-15',
  sex: 'female' as const,
  phone: '',
  email: '',
  addressLine: '',
  city: '',
  postalCode: '',
  portalEmail: '',
  ...fields,
});

async function patientsOf(clinicId: string) {
  return tenantDb(clinicId).transaction((t) => t.from(patients));
}

describe('patient actions', () => {
  let a: StaffClinic;
  let b: StaffClinic;

  beforeEach(async () => {
    await resetDatabase(db.handle());
    signOut();
    a = await createStaffClinic('a');
    b = await createStaffClinic('b');
  });

  it('creates a patient for a receptionist, with a server-made MRN, and audits it', async () => {
    await signInTo(a.staff.receptionist.id, a.id);
    const r = await fromPage(createPatientAction)(person());
    expect(r.serverError).toBeUndefined();
    expect(r.data).toMatchObject({ status: 'created', mrn: 'MRN-000001' });
    const [event] = await auditRows(a.id, 'patient.create');
    expect(event?.actorUserId).toBe(a.staff.receptionist.id);
  });

  it('answers with possible duplicates first and creates only after "Create anyway"', async () => {
    await signInTo(a.staff.doctor.id, a.id);
    const maria = person({ ...SHARED_PATIENTS[0] });
    const first = await fromPage(createPatientAction)(maria);
    expect(first.data).toMatchObject({
      status: 'duplicates',
      duplicates: [{ id: a.patientIds[0], mrn: 'A-1', reason: 'same_name_and_dob' }],
    });
    expect(await patientsOf(a.id)).toHaveLength(3);
    const confirmed = await fromPage(createPatientAction)({ ...maria, confirmDuplicate: true });
    expect(confirmed.data).toMatchObject({ status: 'created' });
    expect(await patientsOf(a.id)).toHaveLength(4);
  });

  it('returns field errors for bad input and an unknown or staff portal account, and writes nothing', async () => {
    await signInTo(a.staff.receptionist.id, a.id);
    const bad = await fromPage(createPatientAction)(
      person({ dateOfBirth: '1899-01-01', givenName: ' ' }),
    );
    expect(bad.validationErrors).toMatchObject({
      dateOfBirth: { _errors: ['Enter a date from 1900 on'] },
      givenName: { _errors: ['Enter the given name'] },
    });
    // An unknown e-mail and another clinic's doctor get the same answer: staff stay unknowable.
    for (const portalEmail of ['nobody@example.test', b.staff.doctor.email]) {
      const refused = await fromPage(createPatientAction)(person({ portalEmail }));
      expect(refused.validationErrors).toEqual({
        portalEmail: { _errors: [PORTAL_EMAIL_NO_ACCOUNT] },
      });
    }
    expect(await patientsOf(a.id)).toHaveLength(3);
  });

  it('rejects a smuggled clinicId or MRN as a validation error', async () => {
    await signInTo(a.staff.receptionist.id, a.id);
    const r = await fromPage(createPatientAction)({
      ...person(),
      clinicId: b.id,
      mrn: 'MRN-999999',
    } as never);
    expect(r.data).toBeUndefined();
    expect(r.validationErrors).toBeDefined();
    expect(await patientsOf(b.id)).toHaveLength(3);
  });

  it('gives 20 parallel creates through the action 20 distinct MRNs', async () => {
    await signInTo(a.staff.receptionist.id, a.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fromPage(createPatientAction)(person({ givenName: `Twin${i}`, confirmDuplicate: true })),
      ),
    );
    const mrns = results.map((r) =>
      r.data?.status === 'created' ? r.data.mrn : JSON.stringify(r),
    );
    expect(new Set(mrns).size).toBe(20);
    expect(mrns.every((m) => /^MRN-0000[0-2]\d$/.test(m))).toBe(true);
  });

  it('refuses onboarding without patients.create, anonymous callers and users without a clinic', async () => {
    await signInTo(a.staff.nurse.id, a.id);
    expect((await fromPage(createPatientAction)(person())).serverError).toBe(
      'You do not have permission to do that',
    );
    signOut();
    expect((await fromPage(createPatientAction)(person())).serverError).toBe('Please sign in');
    await signInTo(a.staff.nurse.id, null);
    expect((await fromPage(createPatientAction)(person())).serverError).toBe(
      'Choose a clinic first',
    );
    expect(await patientsOf(a.id)).toHaveLength(3);
  });

  it('updates a patient of the active clinic and audits it', async () => {
    await signInTo(a.staff.nurse.id, a.id);
    const r = await fromPage(updatePatientAction)({
      id: a.patientIds[2]!,
      ...person({
        givenName: 'Aiko',
        familyName: 'Tanaka',
        dateOfBirth: '2012-01-05',
        city: 'Osaka',
      }),
    });
    expect(r.data).toEqual({ status: 'updated', id: a.patientIds[2] });
    const row = (await patientsOf(a.id)).find((p) => p.id === a.patientIds[2]);
    expect(row).toMatchObject({ city: 'Osaka', mrn: 'A-3' });
    expect((await auditRows(a.id, 'patient.update'))[0]?.metadata).toEqual({ fields: ['city'] });
  });

  it("answers another clinic's patient id like a missing one and changes nothing", async () => {
    await signInTo(b.staff.clinic_admin.id, b.id);
    const input = { id: a.patientIds[0]!, ...person({ givenName: 'Hijacked' }) };
    const r = await fromPage(updatePatientAction)(input);
    expect(r.serverError).toBe('Patient not found');
    const missing = await fromPage(updatePatientAction)({
      ...input,
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.serverError).toBe(r.serverError);
    expect((await patientsOf(a.id)).map((p) => p.givenName).sort()).toEqual([
      'Aiko',
      'James',
      'Maria',
    ]);
  });
});

describe('MRNs continue after the demo seed', () => {
  beforeEach(async () => {
    await resetDatabase(db.handle());
    await seedDemo({ nodeEnv: 'development', now: new Date('2026-03-11T17:20:00Z') });
  });

  it('uses each clinic’s prefix setting and continues after its seeded numbers', async () => {
    const clinics = Object.fromEntries((await listClinics()).map((c) => [c.slug, c.id]));
    const seeded = async (slug: string) =>
      (await patientsOf(clinics[slug]!))
        .map((p) => p.mrn)
        .sort()
        .at(-1);
    expect(await seeded('northside')).toBe('MRN-000200');
    expect(await seeded('harbor')).toBe('HP-000200');

    const reception = await findUserByEmail('reception@northside.test');
    await signInTo(reception!.id, clinics.northside!);
    const north = await fromPage(createPatientAction)(person({ confirmDuplicate: true }));
    expect(north.data).toMatchObject({ status: 'created', mrn: 'MRN-000201' });

    const harborAdmin = await findUserByEmail('admin@harbor.test');
    await signInTo(harborAdmin!.id, clinics.harbor!);
    const harbor = await fromPage(createPatientAction)(person({ confirmDuplicate: true }));
    expect(harbor.data).toMatchObject({ status: 'created', mrn: 'HP-000201' });
    const second = await fromPage(createPatientAction)(
      person({ givenName: 'Second', confirmDuplicate: true }),
    );
    expect(second.data).toMatchObject({ mrn: 'HP-000202' });

    const harborRows = await tenantDb(clinics.harbor!).transaction((t) =>
      t.from(patients, { mrn: patients.mrn }).where(eq(patients.mrn, 'HP-000201')),
    );
    expect(harborRows).toHaveLength(1);
  });
});
