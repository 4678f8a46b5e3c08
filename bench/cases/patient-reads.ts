import { patients } from '@/db/schema';
import { tenantDb } from '@/db/tenant';
import { parsePatientListParams } from '@/lib/patients/list-params';
import { allowServerOnly } from '../server-only';
import { measureInterleaved, type Stats } from '../measure';
import type { RatioCase, RatioRow } from './ratio';
import type { BenchContext } from './types';

/** lib/data/patient-*.ts import 'server-only': loaded dynamically, after the hook. */
async function patientData() {
  allowServerOnly();
  return {
    ...(await import('@/lib/data/patient-list')),
    ...(await import('@/lib/data/patient-search')),
  };
}

/** Iterations for the application-path read cases: a fifth of --iterations, at least 50. */
function iterationsOf(ctx: BenchContext) {
  return {
    iterations: Math.max(50, Math.round(ctx.options.iterations / 5)),
    warmup: Math.max(10, Math.round(ctx.options.warmup / 5)),
  };
}

/** The highest subject ÷ baseline ratio of the rows, at one percentile. */
const worst = (rows: RatioRow[], at: 'median' | 'p95') =>
  Math.max(...rows.map((r) => r.subject[at] / r.baseline[at]));

async function againstPk(
  ctx: BenchContext,
  label: string,
  subject: () => Promise<unknown[] | { rows: unknown[] }>,
): Promise<RatioRow> {
  const tdb = tenantDb(ctx.bigClinicId);
  const first = await subject();
  const count = Array.isArray(first) ? first.length : first.rows.length;
  const at = (i: number) => ctx.sampleIds[(i * 7919) % ctx.sampleIds.length] as string;
  const [s, b] = await measureInterleaved(
    [
      { key: 'subject', name: label, run: () => subject() },
      { key: 'pk', name: 'pk', run: (i) => tdb.findById(patients, at(i)) },
    ],
    iterationsOf(ctx),
  );
  return {
    label,
    subject: (s as { total: Stats }).total,
    baseline: (b as { total: Stats }).total,
    note: `${count} rows`,
  };
}

interface Picked {
  family: string;
  given: string;
  mrn: string;
  phone: string;
  email: string;
  dob: string;
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** The picked patient as a front desk would type them: "7", "(555) 012-3456", "3 Feb 2001"… */
function newKinds(pick: Picked): string[] {
  const digits = pick.phone.replace(/\D/g, '').slice(-10);
  const [y, m, d] = pick.dob.split('-').map(Number) as [number, number, number];
  return [
    String(Number(pick.mrn.replace(/\D/g, ''))),
    `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
    `${d} ${MONTHS[m - 1]} ${y}`,
    pick.email.slice(0, pick.email.indexOf('@') + 3),
  ];
}

/** One patient with a phone, picked at random (seeded order): the filters' and searches' terms. */
async function pickPatient(ctx: BenchContext): Promise<Picked> {
  const { rows } = await ctx.floorPool.query<Picked>(
    `select lower(family_name) as family, lower(given_name) as given, mrn, phone, email,
            date_of_birth::text as dob
     from patients where clinic_id = $1 and phone is not null order by md5(id::text) limit 1`,
    [ctx.bigClinicId],
  );
  return rows[0] as Picked;
}

/**
 * The URL of page `page` of the list `raw`, as the Next link writes it (the id of the row before
 * the page, with the page number), reached by walking the list with its own cursors.
 */
async function deepPage(
  ctx: BenchContext,
  raw: Record<string, string>,
  page: number,
): Promise<Record<string, string>> {
  const { listPatients } = await patientData();
  const db = { db: tenantDb(ctx.bigClinicId) };
  const before = (page - 1) * 25;
  let seen = 0;
  let after: string | null = null;
  while (seen < before) {
    const size = before - seen >= 100 ? '100' : '25';
    const cursor: Record<string, string> = after ? { after, page: '2' } : {};
    const res = await listPatients(db, parsePatientListParams({ ...raw, size, ...cursor }));
    if (!res.pager.lastId) break;
    after = res.pager.lastId;
    seen += res.rows.length;
    if (!res.pager.hasNext) break;
  }
  return after ? { ...raw, after, page: String(page) } : raw;
}

const PK =
  '`tenantDb(bigClinic).findById(patients, id)` (ids from the same sample as the point lookup), ' +
  'interleaved with the subject in the same run';

export const patientSearch: RatioCase = {
  id: 'patient-search',
  title: 'Patient search (searchPatients) vs a primary-key lookup',
  async run(ctx) {
    const { searchPatients } = await patientData();
    const db = { db: tenantDb(ctx.bigClinicId) };
    const pick = await pickPatient(ctx);
    const queries = [
      'gar',
      'smi',
      `${pick.family} ${pick.given.slice(0, 2)}`,
      pick.mrn.slice(0, pick.mrn.length - 2),
      ...newKinds(pick),
    ];
    const result: RatioRow[] = [];
    for (const q of queries) {
      console.log(`[bench]   search '${q}'`);
      result.push(await againstPk(ctx, `search '${q}'`, () => searchPatients(db, q, 20)));
    }
    const it = iterationsOf(ctx);
    return {
      title: this.title,
      subjectName: 'searchPatients',
      baselineName: 'PK lookup',
      description:
        `\`searchPatients({ db: tenantDb(bigClinic) }, q, 20)\` in the big clinic ` +
        `(${ctx.plan.bigClinicPatients.toLocaleString('en-US')} patients, RLS on) for family-name ` +
        'prefixes, a "family given" pair, an MRN prefix (all but its last two characters), and ' +
        'the kinds of issue 11: the MRN number without its prefix, the phone typed without its ' +
        'country code in another formatting, the date of birth with a month name, an e-mail ' +
        'prefix (all taken from one patient with a phone, picked at random); ' +
        `against ${PK}. ${it.iterations} measured iterations after ${it.warmup} warmup per query.`,
      rows: result,
      goals: [
        {
          measure: 'Picker search p95 ÷ PK lookup p95, worst kind',
          before: 'up to 3.8',
          value: worst(result, 'p95'),
          goal: 3,
        },
      ],
      findings: [],
    };
  },
};

export const patientListPage: RatioCase = {
  id: 'patient-list',
  title: 'Patient list page (listPatients) vs a primary-key lookup',
  async run(ctx) {
    const { listPatients } = await patientData();
    const db = { db: tenantDb(ctx.bigClinicId) };
    const deep = Math.max(2, Math.min(200, Math.floor(ctx.plan.bigClinicPatients / 25 / 10)));
    const pick = await pickPatient(ctx);
    const pages: [string, Record<string, string>][] = [
      ['default sort, page 1', {}],
      [`default sort, page ${deep}`, await deepPage(ctx, {}, deep)],
      [`MRN descending, page ${deep}`, await deepPage(ctx, { sort: 'mrn', dir: 'desc' }, deep)],
      [`date of birth, page ${deep}`, await deepPage(ctx, { sort: 'dob' }, deep)],
      [
        `added, newest first, page ${deep}`,
        await deepPage(ctx, { sort: 'created', dir: 'desc' }, deep),
      ],
      ["name filter 'gar', page 1", { q: 'gar' }],
      ["name filter 'smi', page 2", await deepPage(ctx, { q: 'smi' }, 2)],
      ['MRN digits, page 1', { q: newKinds(pick)[0] as string }],
      ['phone, page 1', { q: newKinds(pick)[1] as string }],
      ['date of birth typed, page 1', { q: newKinds(pick)[2] as string }],
      ['e-mail prefix, page 1', { q: newKinds(pick)[3] as string }],
      ['sex, page 1', { sex: 'female' }],
      [`sex, page ${deep}`, await deepPage(ctx, { sex: 'female' }, deep)],
      ['born 1980–1989, page 1', { dobFrom: '1980-01-01', dobTo: '1989-12-31' }],
      [
        `born 1980–1989, page ${deep}`,
        await deepPage(ctx, { dobFrom: '1980-01-01', dobTo: '1989-12-31' }, deep),
      ],
    ];
    const result: RatioRow[] = [];
    for (const [label, raw] of pages) {
      console.log(`[bench]   list ${label}`);
      const params = parsePatientListParams(raw);
      result.push(await againstPk(ctx, label, async () => (await listPatients(db, params)).rows));
    }
    const it = iterationsOf(ctx);
    return {
      title: this.title,
      subjectName: 'listPatients',
      baselineName: 'PK lookup',
      description:
        '`listPatients({ db: tenantDb(bigClinic) }, parsePatientListParams(query))`, the list ' +
        `page's data function, in the big clinic (page size 25), against ${PK}. A deep page is ` +
        'its keyset cursor as the Next link writes it (the id of the last row of the page ' +
        'before, reached once by walking the list with its own cursors, outside the ' +
        'measurement); the filters are one of each ' +
        'kind, taken from one patient picked at random. ' +
        `${it.iterations} measured iterations after ${it.warmup} warmup per page.`,
      rows: result,
      goals: [
        {
          measure: 'Patient list page ÷ PK lookup (p50), worst page or filter',
          before: '2.7 / 6.2 / 9.0',
          value: worst(result, 'median'),
          goal: 2,
        },
      ],
      findings: [],
    };
  },
};
