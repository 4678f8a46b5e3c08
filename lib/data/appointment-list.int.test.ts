import { beforeEach, describe, expect, it } from 'vitest';
import { appointments } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { loadAppointmentSearchParams } from '@/lib/appointments/search-params';
import { cursorParams } from '@/lib/pagination/cursor';
import { makeClinic, type TestClinic } from '@/test/appointment-fixtures';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { listAppointments, type AppointmentFilter } from './appointments';

const db = useTestDatabase();

let a: TestClinic;
let b: TestClinic;

/**
 * 40 appointments at 8 start times, 5 at each (cancelled and no-show ones may overlap), so every
 * page boundary falls inside a tie on starts_at and only the id orders the rows.
 */
async function seed(clinic: TestClinic) {
  await tenantDb(clinic.id).transaction((t) =>
    t.insert(
      appointments,
      Array.from({ length: 40 }, (_, i) => {
        const startsAt = new Date(Date.UTC(2037, 6, 15, 9 + (i % 8)));
        return {
          patientId: clinic.patientIds[i % 3]!,
          practitionerMembershipId: clinic.doctor.membershipId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 30 * 60_000),
          status: i % 2 ? ('cancelled' as const) : ('no_show' as const),
        };
      }),
    ),
  );
}

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await makeClinic('a');
  b = await makeClinic('b');
  await seed(a);
  await seed(b);
});

const RANGE = { from: '2037-07-15', to: '2037-07-15' };
const list = (filter: AppointmentFilter, countCap?: number) =>
  listAppointments({ db: tenantDb(a.id) }, { ...RANGE, ...filter }, new Date(), { countCap });

/** Every page by Next, then back by Previous (the links' URL values): ids in the order seen. */
async function walk(filter: AppointmentFilter) {
  let page = await list(filter);
  const forwards = page.rows.map((r) => r.id);
  while (page.pager.hasNext) {
    page = await list({ ...filter, ...cursorParams(page.pager, 'next') });
    forwards.push(...page.rows.map((r) => r.id));
  }
  const backwards = page.rows.map((r) => r.id);
  while (page.pager.hasPrevious) {
    page = await list({ ...filter, ...cursorParams(page.pager, 'previous') });
    backwards.unshift(...page.rows.map((r) => r.id));
  }
  return { forwards, backwards };
}

describe('listAppointments: keyset pages', () => {
  it('walks forwards and back in time order: no row skipped or repeated on tied times', async () => {
    for (const status of [null, 'cancelled'] as const) {
      const whole = await list({ status, pageSize: 100 });
      expect(whole.rows).toHaveLength(status ? 20 : 40);
      const { forwards, backwards } = await walk({ status, pageSize: 6 });
      expect(forwards).toEqual(whole.rows.map((r) => r.id));
      expect(backwards).toEqual(whole.rows.map((r) => r.id));
    }
  });

  it('counts up to the cap and tells the page number', async () => {
    const first = await list({ pageSize: 6 }, 10);
    expect(first).toMatchObject({ total: 10, totalCapped: true });
    expect(first.pager).toMatchObject({ page: 1, hasPrevious: false, hasNext: true });
    const second = await list({ pageSize: 6, ...cursorParams(first.pager, 'next') });
    expect(second).toMatchObject({ total: 40, totalCapped: false });
    expect(second.pager).toMatchObject({ page: 2, hasPrevious: true, hasNext: true });
  });

  it('shows the first page for a malformed, unknown or foreign cursor', async () => {
    const first = await list({ pageSize: 6 });
    const foreign = (await listAppointments({ db: tenantDb(b.id) }, { ...RANGE, pageSize: 6 }))
      .rows[3]!.id;
    for (const raw of [
      { after: 'x', page: '2' },
      { after: foreign, page: '2' },
      { before: foreign, page: '4' },
      { before: '00000000-0000-0000-0000-000000000000' },
    ]) {
      // The page's own parsing: a malformed id never reaches the query.
      const { after, before, page: shown } = loadAppointmentSearchParams(raw);
      const page = await list({ after, before, page: shown, pageSize: 6 });
      expect(
        page.rows.map((r) => r.id),
        JSON.stringify(raw),
      ).toEqual(first.rows.map((r) => r.id));
      expect(page.pager).toMatchObject({ page: 1, hasPrevious: false });
    }
  });
});
