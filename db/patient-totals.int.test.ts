/**
 * The per-clinic patient total that triggers keep in clinic_counters
 * (db/migrations/0009_patient_totals.sql): the unfiltered patient list and the dashboard read it
 * instead of counting, so it must always equal count(*), per clinic, whatever mix of single and
 * bulk inserts and deletes happened.
 */
import fc from 'fast-check';
import { inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { readCounter } from '@/lib/counters';
import { listPatients } from '@/lib/data/patient-list';
import { PATIENTS_TOTAL_COUNTER } from '@/lib/patients/constants';
import { parsePatientListParams } from '@/lib/patients/list-params';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createFixtureClinic } from '@/test/fixtures';
import { insertPatients } from '@/test/patient-world';

const db = useTestDatabase();
let clinics: string[];

beforeEach(async () => {
  await resetDatabase(db.handle());
  clinics = [(await createFixtureClinic('a')).id, (await createFixtureClinic('b')).id];
});

async function kept(clinicId: string): Promise<number> {
  return tenantDb(clinicId).transaction((t) => readCounter(t, PATIENTS_TOTAL_COUNTER));
}

async function counted(clinicId: string): Promise<number> {
  return tenantDb(clinicId).count(patients);
}

const person = (i: number) => ({
  givenName: `G${i}`,
  familyName: `F${i}`,
  dateOfBirth: '1990-01-01',
});

describe('the patient total', () => {
  it('follows inserts and deletes in each clinic, and the list shows it', async () => {
    const [a, b] = clinics as [string, string];
    const base = await counted(a);
    const added = await insertPatients(a, [1, 2, 3, 4, 5].map(person));
    await insertPatients(b, [person(6)]);
    await tenantDb(a).transaction((t) =>
      t.delete(patients, inArray(patients.id, [added[0]!.id, added[1]!.id])),
    );
    expect(await kept(a)).toBe(base + 3);
    expect(await kept(a)).toBe(await counted(a));
    expect(await kept(b)).toBe(await counted(b));
    const page = await listPatients({ db: tenantDb(a) }, parsePatientListParams({ size: '25' }));
    expect(page.total).toBe(await counted(a));
  });

  it('equals count(*) after any sequence of bulk inserts and deletes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            clinic: fc.nat({ max: 1 }),
            insert: fc.nat({ max: 4 }),
            remove: fc.nat({ max: 3 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (steps) => {
          for (const [i, step] of steps.entries()) {
            const clinicId = clinics[step.clinic]!;
            if (step.insert > 0) {
              await insertPatients(
                clinicId,
                Array.from({ length: step.insert }, (_, k) => person(i * 10 + k)),
              );
            }
            const victims = (await tenantDb(clinicId).list(patients, { limit: step.remove })).map(
              (p) => p.id,
            );
            if (victims.length) {
              await tenantDb(clinicId).transaction((t) =>
                t.delete(patients, inArray(patients.id, victims)),
              );
            }
          }
          for (const clinicId of clinics)
            expect(await kept(clinicId)).toBe(await counted(clinicId));
        },
      ),
      { numRuns: 15 },
    );
  });
});
