import { beforeEach, describe, expect, it } from 'vitest';
import { tenantDb } from '@/db/tenant';
import { parsePatientListParams } from '@/lib/patients/list-params';
import { createPatientSchema } from '@/lib/patients/schema';
import { setClinicSetting } from '@/lib/settings/write';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createStaffClinic, dataCtx, insertPatients, type StaffClinic } from '@/test/patient-world';
import { searchPatients } from './patient-search';
import { listPatients } from './patient-list';
import { createPatient } from './patients';

const db = useTestDatabase();

let a: StaffClinic;
let b: StaffClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await createStaffClinic('a');
  b = await createStaffClinic('b');
});

const ids = async (clinicId: string, q: string, limit = 10) =>
  (await searchPatients(dataCtx(clinicId), q, limit)).map((i) => i.id);

/** The list page's text filter, for comparison with the picker's search. */
const listed = async (clinicId: string, q: string) =>
  (await listPatients(dataCtx(clinicId), parsePatientListParams({ q }))).rows.map((r) => r.id);

describe('searchPatients', () => {
  it("finds only the active clinic's patients, though both clinics share names", async () => {
    const items = await searchPatients(dataCtx(a.id), 'garcia', 10);
    expect(items).toEqual([
      { id: a.patientIds[0], label: 'Garcia, Maria', mrn: 'A-1', dateOfBirth: '1980-04-12' },
    ]);
    const fromB = await searchPatients(dataCtx(b.id), 'garcia', 10);
    expect(fromB.map((i) => i.id)).toEqual([b.patientIds[0]]);
  });

  it('matches full names in either order and partial words, case- and accent-insensitively', async () => {
    const [garciaAna] = await insertPatients(a.id, [
      { givenName: 'Ana', familyName: 'García', dateOfBirth: '1999-09-09' },
    ]);
    for (const q of ['Garcia Maria', 'maria gar', 'GARCIA, MAR', 'Garc Mar'])
      expect(
        (await searchPatients(dataCtx(a.id), q, 10)).map((i) => i.id),
        q,
      ).toEqual([a.patientIds[0]]);
    expect((await searchPatients(dataCtx(a.id), 'garci', 10)).map((i) => i.label)).toEqual([
      'García, Ana',
      'Garcia, Maria',
    ]);
    expect((await searchPatients(dataCtx(a.id), 'ana garcía', 10))[0]?.id).toBe(garciaAna!.id);
  });

  it('ranks an exact MRN first, then MRN prefixes, family-name prefixes, given-name prefixes', async () => {
    const rows = await insertPatients(a.id, [
      { givenName: 'Zoe', familyName: 'Quinn', dateOfBirth: '2001-01-01', mrn: 'LEE' },
      { givenName: 'Amy', familyName: 'Leeds', dateOfBirth: '2001-01-02' },
      { givenName: 'Bob', familyName: 'Lee', dateOfBirth: '2001-01-03' },
      { givenName: 'Leela', familyName: 'Adams', dateOfBirth: '2001-01-04' },
      { givenName: 'Cat', familyName: 'Ng', dateOfBirth: '2001-01-05', mrn: 'LEE2' },
    ]);
    const labels = (await searchPatients(dataCtx(a.id), 'lee', 10)).map((i) => i.label);
    expect(labels).toEqual(['Quinn, Zoe', 'Lee, Bob', 'Leeds, Amy', 'Adams, Leela']);
    // A query with a digit also searches MRN prefixes, right after the exact MRN.
    const withDigit = await searchPatients(dataCtx(a.id), 'lee2', 10);
    expect(withDigit.map((i) => i.id)).toEqual([rows[4]!.id]);
    const mrnPrefix = await searchPatients(dataCtx(a.id), 'A-', 10);
    expect(mrnPrefix).toEqual([]); // no digit: "A-" is not treated as an MRN prefix
    expect((await searchPatients(dataCtx(a.id), 'a-1', 10))[0]?.mrn).toBe('A-1');
  });

  it('respects the limit and returns nothing for a query without letters or digits', async () => {
    await insertPatients(
      a.id,
      Array.from({ length: 12 }, (_, i) => ({
        givenName: `Sam${i}`,
        familyName: 'Samson',
        dateOfBirth: '1970-01-01',
      })),
    );
    expect(await searchPatients(dataCtx(a.id), 'sams', 5)).toHaveLength(5);
    expect(await searchPatients(dataCtx(a.id), " ' ", 5)).toEqual([]);
  });
});

/**
 * The same person (same MRN number, phone, e-mail and birth date) is on record in both clinics:
 * every search kind must find only the active clinic's copy.
 */
async function twins() {
  const person = {
    givenName: 'Noor',
    familyName: 'Haddad',
    dateOfBirth: '2001-02-03',
    phone: '+1 (555) 010-2030',
    email: 'Noor.Haddad@Example.com',
  };
  const [inA] = await insertPatients(a.id, [{ ...person, mrn: 'MRN-000007' }]);
  const [inB] = await insertPatients(b.id, [{ ...person, mrn: 'MRN-000007' }]);
  return { inA: inA!.id, inB: inB!.id };
}

describe('search kinds beyond names', () => {
  it('finds MRN digits without the prefix ("7", "000007"), by the exact number only', async () => {
    const { inA, inB } = await twins();
    const [seventy] = await insertPatients(a.id, [
      { givenName: 'Other', familyName: 'Person', dateOfBirth: '1990-01-01', mrn: 'MRN-000070' },
    ]);
    for (const q of ['7', '000007', '0000007']) {
      expect(await ids(a.id, q), q).toEqual([inA]);
      expect(await ids(b.id, q), q).toEqual([inB]);
      expect(await listed(a.id, q), q).toEqual([inA]);
    }
    expect(await ids(a.id, '70')).toEqual([seventy!.id]);
  });

  it("finds MRN digits under the clinic's own prefix", async () => {
    await tenantDb(a.id).transaction((t) => setClinicSetting(t, 'mrn_prefix', 'NS-', null));
    const created = await createPatient(
      dataCtx(a.id),
      createPatientSchema.parse({
        givenName: 'Pia',
        familyName: 'Lund',
        dateOfBirth: '1999-09-09',
        sex: 'female',
      }),
    );
    expect(created).toMatchObject({ status: 'created', mrn: 'NS-000001' });
    // The fixture's own "A-1" ends in the same number: both are found, never B's "B-1".
    const mrns = async (clinicId: string) =>
      (await searchPatients(dataCtx(clinicId), '000001', 10)).map((i) => i.mrn);
    expect(await mrns(a.id)).toEqual(['A-1', 'NS-000001']);
    expect(await mrns(b.id)).toEqual(['B-1']);
  });

  it('finds a phone however it is typed, with or without the country code', async () => {
    const { inA, inB } = await twins();
    for (const q of [
      '+1 (555) 010-2030',
      '15550102030',
      '555-010-2030',
      '555 010 2030',
      '1555010',
    ]) {
      expect(await ids(a.id, q), q).toEqual([inA]);
      expect(await ids(b.id, q), q).toEqual([inB]);
      expect(await listed(a.id, q), q).toEqual([inA]);
    }
    // Three digits are too few for a phone (they would match half the clinic).
    expect(await ids(a.id, '203')).toEqual([]);
  });

  it('finds a date of birth typed as ISO or with a month name, never a guessed order', async () => {
    const { inA, inB } = await twins();
    for (const q of ['2001-02-03', '2001/2/3', '3 Feb 2001', '03-feb-2001', 'February 3, 2001']) {
      expect(await ids(a.id, q), q).toEqual([inA]);
      expect(await ids(b.id, q), q).toEqual([inB]);
      expect(await listed(a.id, q), q).toEqual([inA]);
    }
    // Ambiguous (3 February or 2 March?) or impossible dates find nobody.
    for (const q of ['02/03/2001', '03.02.2001', '2001-02-30'])
      expect(await ids(a.id, q), q).toEqual([]);
  });

  it('finds an e-mail by a case-insensitive prefix', async () => {
    const { inA, inB } = await twins();
    for (const q of ['noor.haddad@example.com', 'NOOR.HADDAD@EX', 'noor.haddad@']) {
      expect(await ids(a.id, q), q).toEqual([inA]);
      expect(await ids(b.id, q), q).toEqual([inB]);
      expect(await listed(a.id, q), q).toEqual([inA]);
    }
  });

  it('ranks the MRN number before a phone ending in the same digits', async () => {
    const [byPhone, byMrn] = await insertPatients(a.id, [
      { givenName: 'Al', familyName: 'Phone', dateOfBirth: '1980-01-01', phone: '555 0042' },
      { givenName: 'Bo', familyName: 'Record', dateOfBirth: '1980-01-01', mrn: 'MRN-000042' },
    ]);
    expect(await ids(a.id, '0042')).toEqual([byMrn!.id, byPhone!.id]);
  });

  it.each([
    ['100 digits', '9'.repeat(100)],
    ['a huge MRN-like word', `MRN-${'0'.repeat(95)}`],
    ['punctuation only', '()-+ /.'],
    ['a far-off date', '9999-12-31'],
    ['year zero', '0000-01-01'],
    // (NUL bytes and other control characters are refused before the data layer: route tests.)
  ])('answers %s with an empty list, never an error', async (_, q) => {
    await twins();
    expect(await ids(a.id, q)).toEqual([]);
  });
});
