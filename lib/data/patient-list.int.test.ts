import { beforeEach, describe, expect, it } from 'vitest';
import { patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { cursorParams } from '@/lib/pagination/cursor';
import { parsePatientListParams, PATIENT_SORTS } from '@/lib/patients/list-params';
import { resetDatabase, useTestDatabase } from '@/test/db';
import { createStaffClinic, dataCtx, insertPatients, type StaffClinic } from '@/test/patient-world';
import { listPatients } from './patient-list';

const db = useTestDatabase();

let a: StaffClinic;
let b: StaffClinic;

beforeEach(async () => {
  await resetDatabase(db.handle());
  a = await createStaffClinic('a');
  b = await createStaffClinic('b');
});

async function stored(clinicId: string) {
  return tenantDb(clinicId).transaction((t) => t.from(patients));
}

const list = (params: Record<string, string | undefined>, countCap?: number) =>
  listPatients(dataCtx(a.id), parsePatientListParams(params), { countCap });
type Page = Awaited<ReturnType<typeof list>>;
const names = (page: Page) => page.rows.map((r) => `${r.familyName} ${r.givenName}`);
const ids = (page: Page) => page.rows.map((r) => r.id);

/** The URL parameters of the page before or after `page` (what the table writes). */
function toward(page: Page, target: 'first' | 'previous' | 'next'): Record<string, string> {
  const next = cursorParams(page.pager, target);
  return Object.fromEntries(
    Object.entries(next).flatMap(([k, v]) => (v === null ? [] : [[k, String(v)]])),
  );
}

/** Every page forwards by Next, then back again by Previous: ids in the order seen. */
async function walk(params: Record<string, string | undefined>) {
  let page = await list(params);
  const forwards = [...ids(page)];
  const numbers = [page.pager.page];
  while (page.pager.hasNext) {
    page = await list({ ...params, ...toward(page, 'next') });
    forwards.push(...ids(page));
    numbers.push(page.pager.page);
  }
  const backwards = [...ids(page)];
  while (page.pager.hasPrevious) {
    page = await list({ ...params, ...toward(page, 'previous') });
    backwards.unshift(...ids(page));
  }
  return { forwards, backwards, numbers, firstAgain: page };
}

describe('listPatients', () => {
  const people = [
    ['Ann', 'Baker', '1950-05-05', 'female'],
    ['Ben', 'Baker', '1960-06-06', 'male'],
    ['Cleo', 'Adams', '2001-01-01', 'female'],
    ['Dan', 'Zhou', '1985-03-03', 'male'],
    ['Eve', 'Young', '1990-12-31', 'other'],
  ] as const;

  beforeEach(async () => {
    await insertPatients(
      a.id,
      people.map(([givenName, familyName, dateOfBirth, sex]) => ({
        givenName,
        familyName,
        dateOfBirth,
        sex,
      })),
    );
    // Clinic B has the same people: a leak would show up in every total below.
    await insertPatients(
      b.id,
      people.map(([givenName, familyName, dateOfBirth, sex]) => ({
        givenName,
        familyName,
        dateOfBirth,
        sex,
      })),
    );
  });

  it("pages the clinic's own patients with the total", async () => {
    const all = await list({});
    expect([all.total, all.totalCapped]).toEqual([8, false]);
    expect(all.rows).toHaveLength(8);
    expect(new Set(all.rows.map((r) => r.id)).size).toBe(8);
    const own = new Set((await stored(a.id)).map((p) => p.id));
    expect(all.rows.every((r) => own.has(r.id))).toBe(true);
    expect(all.pager).toMatchObject({ page: 1, hasPrevious: false, hasNext: false });
  });

  it('sorts by family name by default, and by each allow-listed column both ways', async () => {
    expect(names(await list({}))).toEqual([
      'Adams Cleo',
      'Baker Ann',
      'Baker Ben',
      'Garcia Maria',
      'Smith James',
      'Tanaka Aiko',
      'Young Eve',
      'Zhou Dan',
    ]);
    expect(names(await list({ sort: 'family', dir: 'desc' }))[0]).toBe('Zhou Dan');
    expect(names(await list({ sort: 'given' })).slice(0, 3)).toEqual([
      'Tanaka Aiko',
      'Baker Ann',
      'Baker Ben',
    ]);
    expect((await list({ sort: 'dob' })).rows.map((r) => r.dateOfBirth).slice(0, 2)).toEqual([
      '1950-05-05',
      '1960-06-06',
    ]);
    expect((await list({ sort: 'dob', dir: 'desc' })).rows[0]?.dateOfBirth).toBe('2012-01-05');
    expect((await list({ sort: 'mrn' })).rows.slice(0, 3).map((r) => r.mrn)).toEqual([
      'A-1',
      'A-2',
      'A-3',
    ]);
    const created = (await list({ sort: 'created', dir: 'desc' })).rows.map((r) => r.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('filters by name or MRN, sex and date-of-birth range, with matching totals', async () => {
    expect(names(await list({ q: 'baker' }))).toEqual(['Baker Ann', 'Baker Ben']);
    expect((await list({ q: 'baker' })).total).toBe(2);
    expect(names(await list({ q: 'ben baker' }))).toEqual(['Baker Ben']);
    expect(names(await list({ q: 'a-2' }))).toEqual(['Smith James']);
    expect(names(await list({ sex: 'female' }))).toEqual([
      'Adams Cleo',
      'Baker Ann',
      'Garcia Maria',
      'Tanaka Aiko',
    ]);
    expect(names(await list({ dobFrom: '1980-01-01', dobTo: '1990-12-31' }))).toEqual([
      'Garcia Maria',
      'Young Eve',
      'Zhou Dan',
    ]);
    const combined = await list({ q: 'a', sex: 'female', dobTo: '1999-12-31' });
    expect(names(combined)).toEqual(['Baker Ann']);
    expect(combined.total).toBe(1);
    expect((await list({ q: "'" })).total).toBe(0);
  });
});

describe('listPatients: keyset pages', () => {
  // 53 namesakes born the same day and inserted in one statement (one created_at): every sort
  // ties across page boundaries, and only the id tells the rows apart.
  beforeEach(async () => {
    const twins = Array.from({ length: 53 }, () => ({
      givenName: 'Sam',
      familyName: 'Page',
      dateOfBirth: '2000-01-01',
      sex: 'female' as const,
    }));
    await insertPatients(a.id, twins);
    await insertPatients(b.id, twins);
  });

  it.each(PATIENT_SORTS.flatMap((sort) => [`${sort} asc`, `${sort} desc`]))(
    'walks %s forwards and back: the same order as one big page, no row skipped or repeated',
    async (sortDir) => {
      const [sort, dir] = sortDir.split(' ') as [string, string];
      const whole = ids(await list({ sort, dir, size: '100' }));
      expect(whole).toHaveLength(56);
      const { forwards, backwards, numbers, firstAgain } = await walk({ sort, dir, size: '25' });
      expect(forwards).toEqual(whole);
      expect(backwards).toEqual(whole);
      expect(numbers).toEqual([1, 2, 3]);
      expect(firstAgain.pager).toMatchObject({ page: 1, hasPrevious: false, hasNext: true });
    },
  );

  it('walks a filtered list the same way (the text filter gathers matches, then sorts)', async () => {
    for (const params of [
      { q: 'page sam' },
      { sex: 'female', dobFrom: '1999-01-01', dobTo: '2000-12-31' },
    ]) {
      const whole = ids(await list({ ...params, size: '100' }));
      expect(whole).toHaveLength(53);
      const { forwards, backwards } = await walk({ ...params, size: '25' });
      expect(forwards).toEqual(whole);
      expect(backwards).toEqual(whole);
    }
  });

  it('counts filtered totals only up to the cap, and the unfiltered total exactly', async () => {
    // Page 1 of a text search counts the matches it gathers; later pages count up to the cap.
    const first = await list({ q: 'page', size: '25' }, 30);
    expect([first.rows.length, first.total, first.totalCapped]).toEqual([25, 30, true]);
    const second = await list({ q: 'page', size: '25', ...toward(first, 'next') }, 30);
    expect([second.rows.length, second.total, second.totalCapped]).toEqual([25, 30, true]);
    const bySex = await list({ sex: 'female', size: '25' }, 30);
    expect([bySex.total, bySex.totalCapped]).toEqual([30, true]);
    const exact = await list({ q: 'page', size: '25' }, 53);
    expect([exact.total, exact.totalCapped]).toEqual([53, false]);
    const unfiltered = await list({ size: '25' }, 10);
    expect([unfiltered.total, unfiltered.totalCapped]).toEqual([56, false]);
  });

  it('shows the first page for a malformed, unknown, contradictory or foreign cursor', async () => {
    const first = await list({ size: '25' });
    const second = await list({ size: '25', ...toward(first, 'next') });
    expect(ids(second)).not.toEqual(ids(first));
    const [foreign] = (await stored(b.id)).filter((p) => p.familyName === 'Page');
    const own = first.pager.lastId as string;
    for (const bad of [
      { after: 'not-a-uuid' },
      { after: "'; drop table patients; --" },
      { before: '00000000-0000-0000-0000-000000000000' },
      { after: foreign!.id, page: '2' },
      { before: foreign!.id, page: '3' },
      { after: own, before: own, page: '2' },
    ]) {
      const page = await list({ size: '25', ...bad });
      expect(ids(page), JSON.stringify(bad)).toEqual(ids(first));
      expect(page.pager).toMatchObject({ page: 1, hasPrevious: false });
    }
  });

  it('shows a full first page when Previous reaches the start', async () => {
    const first = await list({ size: '25' });
    const back = await list({ size: '25', before: ids(first)[10]!, page: '2' });
    expect(ids(back)).toEqual(ids(first));
    expect(back.pager).toMatchObject({ page: 1, hasPrevious: false, hasNext: true });
  });

  it('never shows another clinic its rows, whichever cursor it is handed', async () => {
    const inB = await listPatients(dataCtx(b.id), parsePatientListParams({ size: '25' }));
    const own = new Set((await stored(a.id)).map((p) => p.id));
    const fromB = await list({ size: '25', after: inB.pager.lastId as string });
    expect(fromB.rows.every((r) => own.has(r.id))).toBe(true);
  });
});

describe('listPatients: a name filter read as branches', () => {
  // "sam" starts the family name, the given name, both or neither: the family-name branch is read
  // in index order under the name sorts, the given-name branch gathered, and a patient matching
  // both must appear once. Dates and creation times tie, so the id decides.
  const GIVEN = ['Sam', 'Samir', 'Ann', 'Samantha', 'Eve'];
  const FAMILY = ['Samson', 'Page', 'Sampson', 'Osam', 'Samuels', 'Young'];
  beforeEach(async () => {
    const rows = GIVEN.flatMap((givenName, i) =>
      FAMILY.map((familyName, j) => ({
        givenName,
        familyName,
        dateOfBirth: `19${70 + ((i + j) % 3)}-01-01`,
        sex: (i + j) % 2 === 0 ? ('female' as const) : ('male' as const),
      })),
    );
    await insertPatients(a.id, rows.slice(0, 15));
    await insertPatients(a.id, rows.slice(15));
    await insertPatients(b.id, rows);
  });

  type Stored = Awaited<ReturnType<typeof stored>>[number];
  const KEYS: Record<string, (p: Stored) => string[]> = {
    family: (p) => [p.familyNameKey, p.givenNameKey],
    given: (p) => [p.givenNameKey, p.familyNameKey],
    mrn: (p) => [p.mrnKey],
    dob: (p) => [p.dateOfBirth],
    created: (p) => [p.createdAt.toISOString()],
  };
  /** The order the list must show, worked out here from the stored rows (byte order, as "C"). */
  function expected(rows: Stored[], sort: string, dir: string, keep: (p: Stored) => boolean) {
    const key = (p: Stored) => [...KEYS[sort]!(p), p.id];
    const cmp = (x: Stored, y: Stored) => {
      const [kx, ky] = [key(x), key(y)];
      const i = kx.findIndex((k, n) => k !== ky[n]);
      return i < 0 ? 0 : kx[i]! < ky[i]! ? -1 : 1;
    };
    const sorted = rows.filter(keep).sort(cmp);
    return (dir === 'desc' ? sorted.reverse() : sorted).map((p) => p.id);
  }
  const sam = (p: Stored) => p.familyNameKey.startsWith('sam') || p.givenNameKey.startsWith('sam');

  it.each(PATIENT_SORTS.flatMap((sort) => [`${sort} asc`, `${sort} desc`]))(
    "walks 'sam' by %s in pages of 4: each match once, in order, forwards and back",
    async (sortDir) => {
      const [sort, dir] = sortDir.split(' ') as [string, string];
      const want = expected(await stored(a.id), sort, dir, sam);
      expect(want).toHaveLength(24);
      const { forwards, backwards } = await walk({ q: 'sam', sort, dir, size: '4' });
      expect(forwards).toEqual(want);
      expect(backwards).toEqual(want);
    },
  );

  it('narrows the branches by the other filters, and counts the matches once', async () => {
    const female = (p: Stored) => sam(p) && p.sex === 'female';
    const want = expected(await stored(a.id), 'family', 'asc', female);
    const { forwards } = await walk({ q: 'sam', sex: 'female', size: '4' });
    expect(forwards).toEqual(want);
    const second = await list({ q: 'sam', size: '4', after: want[3]!, page: '2' }, 100);
    expect([second.total, second.totalCapped]).toEqual([24, false]);
    const capped = await list({ q: 'sam', size: '4', after: want[3]!, page: '2' }, 23);
    expect([capped.total, capped.totalCapped]).toEqual([23, true]);
    const exact = await list({ q: 'sam', size: '4', after: want[3]!, page: '2' }, 24);
    expect([exact.total, exact.totalCapped]).toEqual([24, false]);
  });
});
