import fc from 'fast-check';
import { asc, desc, eq, ilike } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appointments, patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createFixtureClinic, type FixtureClinic } from '@/test/fixtures';

const db = useTestDatabase();

const CLINICS = 3;
const RUNS = 15;
const OPS_PER_RUN = 80; // 15 × 80 = 1,200 random operations

const clinicIx = fc.nat({ max: CLINICS - 1 });
const anyPatientRef = fc.record({ owner: clinicIx, pick: fc.nat() });
const name = fc.constantFrom('Garcia', 'Smith', 'Tanaka', 'Okafor', 'Nguyen');

const operation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), clinic: clinicIx, familyName: name }),
  fc.record({ kind: fc.constant('find' as const), clinic: clinicIx, target: anyPatientRef }),
  fc.record({
    kind: fc.constant('list' as const),
    clinic: clinicIx,
    limit: fc.integer({ min: 1, max: 20 }),
    offset: fc.nat({ max: 10 }),
    descending: fc.boolean(),
    filter: fc.option(name, { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('count' as const), clinic: clinicIx }),
  fc.record({ kind: fc.constant('update' as const), clinic: clinicIx, target: anyPatientRef }),
  fc.record({ kind: fc.constant('delete' as const), clinic: clinicIx, target: anyPatientRef }),
  fc.record({ kind: fc.constant('book' as const), clinic: clinicIx, target: anyPatientRef }),
);

type Operation = typeof operation extends fc.Arbitrary<infer O> ? O : never;

/** What the database should hold: patient ids per clinic. */
class Model {
  readonly ids: Set<string>[];
  /** Each booking takes the next hour, so bookings never overlap (the database refuses that). */
  nextSlot = 0;
  constructor(readonly clinics: FixtureClinic[]) {
    this.ids = clinics.map((c) => new Set(c.patientIds));
  }
  pick(ref: { owner: number; pick: number }): string | undefined {
    const ids = [...this.ids[ref.owner]!];
    return ids.length ? ids[ref.pick % ids.length] : undefined;
  }
  ownerOf(id: string): number {
    return this.ids.findIndex((s) => s.has(id));
  }
}

async function apply(op: Operation, model: Model): Promise<void> {
  const clinic = model.clinics[op.clinic]!;
  const t = tenantDb(clinic.id);
  const own = (row: { clinicId: string }) => expect(row.clinicId).toBe(clinic.id);

  switch (op.kind) {
    case 'insert': {
      const row = await t.transaction((s) =>
        s.insert(patients, {
          mrn: `P-${crypto.randomUUID()}`,
          givenName: 'Prop',
          familyName: op.familyName,
          dateOfBirth: '2000-01-01',
          sex: 'unknown',
        }),
      );
      own(row);
      model.ids[op.clinic]!.add(row.id);
      return;
    }
    case 'find': {
      const id = model.pick(op.target);
      if (!id) return;
      const row = await t.findById(patients, id);
      if (model.ownerOf(id) === op.clinic) own(row!);
      else expect(row).toBeUndefined();
      return;
    }
    case 'list': {
      const order = op.descending ? desc(patients.familyName) : asc(patients.familyName);
      const where = op.filter ? ilike(patients.familyName, op.filter) : undefined;
      const page = await t.listPage(patients, {
        where,
        orderBy: [order, asc(patients.id)],
        limit: op.limit,
        offset: op.offset,
      });
      page.rows.forEach(own);
      if (!where) expect(page.total).toBe(model.ids[op.clinic]!.size);
      return;
    }
    case 'count':
      expect(await t.count(patients)).toBe(model.ids[op.clinic]!.size);
      return;
    case 'update': {
      const id = model.pick(op.target);
      if (!id) return;
      const rows = await t.transaction((s) =>
        s.update(patients, { givenName: 'Changed' }, eq(patients.id, id)),
      );
      rows.forEach(own);
      expect(rows).toHaveLength(model.ownerOf(id) === op.clinic ? 1 : 0);
      return;
    }
    case 'delete': {
      const id = model.pick(op.target);
      if (!id) return;
      const rows = await t.transaction(async (s) => {
        await s.delete(appointments, eq(appointments.patientId, id));
        return s.delete(patients, eq(patients.id, id));
      });
      rows.forEach(own);
      const owned = model.ownerOf(id) === op.clinic;
      expect(rows).toHaveLength(owned ? 1 : 0);
      if (owned) model.ids[op.clinic]!.delete(id);
      return;
    }
    case 'book': {
      const id = model.pick(op.target);
      if (!id) return;
      const startsAt = new Date(Date.UTC(2030, 0, 1) + model.nextSlot++ * 3_600_000);
      const booking = t.transaction((s) =>
        s.insert(appointments, {
          patientId: id,
          practitionerMembershipId: clinic.practitionerMembershipId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 30 * 60_000),
        }),
      );
      if (model.ownerOf(id) === op.clinic) own(await booking);
      else await expect(booking).rejects.toThrow(); // composite FK: not this clinic's patient
      return;
    }
  }
}

describe('property: no tenantDb result ever holds another clinic’s row', () => {
  it(`holds over ${RUNS * OPS_PER_RUN} random operations across ${CLINICS} clinics`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: OPS_PER_RUN, maxLength: OPS_PER_RUN }),
        async (ops) => {
          await resetDatabase(db.handle());
          const clinics: FixtureClinic[] = [];
          for (let i = 0; i < CLINICS; i++) clinics.push(await createFixtureClinic(`c${i}`));
          const model = new Model(clinics);
          for (const op of ops) await apply(op, model);
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);
});
