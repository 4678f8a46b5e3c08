import 'server-only';
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { patients } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import type { ClinicContext } from '@/lib/auth/context';
import { readCounter } from '@/lib/counters';
import { cursorState } from '@/lib/pagination/cursor';
import { PATIENTS_TOTAL_COUNTER } from '@/lib/patients/constants';
import type { PatientListParams, PatientSort } from '@/lib/patients/list-params';
import { planSearch } from '@/lib/patients/search-terms';
import type { PatientListPage } from '@/lib/patients/types';
import { settingValues } from '@/lib/settings/resolve';
import { capAt, countUpTo, keysetOrder, LIST_COUNT_CAP, pageTotal, readKeysetPage } from './keyset';
import { familyKey, givenKey, mrnKey, planCondition } from './patient-search';

/**
 * A LIMIT no clinic reaches. Any LIMIT stops Postgres from flattening a subquery into the outer
 * query (like the classic OFFSET 0, which drizzle leaves out), so the subquery is planned alone.
 */
const FENCE = Number.MAX_SAFE_INTEGER;

/**
 * The sort keys of each allow-listed sort; the id follows as the tie-breaker. Each sort, with the
 * id, is the order of a clinic-led index (db/schema/patients.ts), read forwards or backwards.
 */
const SORT_KEYS: Record<PatientSort, SQL[]> = {
  family: [familyKey, givenKey],
  given: [givenKey, familyKey],
  mrn: [mrnKey],
  dob: [sql`${patients.dateOfBirth}`],
  created: [sql`${patients.createdAt}`],
};

type ListFilters = Pick<PatientListParams, 'q' | 'sex' | 'dobFrom' | 'dobTo'>;

/**
 * The order a filtered total is counted in (countUpTo): that of the index holding the filter, so
 * the count reads up to LIST_COUNT_CAP index entries and no table rows (patients_clinic_dob_idx,
 * patients_clinic_sex_idx). A text filter's matches come from a BitmapOr, in no order.
 */
function countOrder(params: ListFilters): SQL[] {
  if (params.q) return [];
  const key = params.dobFrom || params.dobTo ? patients.dateOfBirth : patients.sex;
  return [sql`${key}`, sql`${patients.id}`];
}

/** The list's filter (search text, sex, date of birth); the patient CSV export uses the same one. */
export function listFilter(params: ListFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (params.q) {
    const plan = planSearch(params.q);
    conditions.push(plan ? planCondition(plan) : sql`false`);
  }
  if (params.sex) conditions.push(eq(patients.sex, params.sex));
  if (params.dobFrom) conditions.push(gte(patients.dateOfBirth, params.dobFrom));
  if (params.dobTo) conditions.push(lte(patients.dateOfBirth, params.dobTo));
  return and(...conditions);
}

/**
 * One page of the clinic's patients (keyset: the rows after or before the cursor's patient in the
 * chosen order) plus the total, in one tenant transaction.
 *
 * Plans (EXPLAIN on 200k patients, docs/DATABASE.md): without a text filter the page is read in
 * order from a clinic-led index, starting at the cursor, and stops after `size` rows. With one,
 * the matches past the cursor are gathered first (a BitmapOr over the key ranges) and then
 * sorted: the subquery's LIMIT (FENCE) keeps Postgres from instead walking the whole sort index
 * hoping to meet matches early, which is slow when they cluster (a family-name prefix is one
 * stretch of the alphabet). The total is counted only when the page does not already tell it
 * (one page holds everything); for the unfiltered list it is the clinic's trigger-kept patient
 * counter, one row however large the clinic, and a filtered one is counted up to LIST_COUNT_CAP.
 */
export async function listPatients(
  ctx: Pick<ClinicContext, 'db'>,
  params: PatientListParams,
  { countCap = LIST_COUNT_CAP }: { countCap?: number } = {},
): Promise<PatientListPage> {
  const where = listFilter(params);
  const keys = SORT_KEYS[params.sort];
  return ctx.db.read(async (t) => {
    // The clinic's timezone is read alongside the page: on a pipelined connection both queries
    // go out together (db/tenant-pg.ts) instead of one after the other.
    const [page, { timezone }] = await Promise.all([readPage(t), settingValues(t)]);
    return { ...page, timeZone: timezone };
  });

  async function readPage(t: TenantScope) {
    const order = keysetOrder(t, patients, keys, params.dir);
    const { rows, info } = await readKeysetPage(
      order,
      cursorState(params),
      params.size,
      ({ past, order: direction, limit }) => {
        const inner = t
          .from(patients, {
            id: patients.id,
            mrn: patients.mrn,
            givenName: patients.givenName,
            familyName: patients.familyName,
            dateOfBirth: patients.dateOfBirth,
            sex: patients.sex,
            phone: patients.phone,
            createdAt: patients.createdAt,
            ...Object.fromEntries(keys.map((key, i) => [`k${i}`, sql`${key}`.as(`k${i}`)])),
            // A text filter gathers every match before sorting: their number comes for free.
            matched: sql<string | null>`${params.q ? sql`count(*) over ()` : sql`null`}`.as(
              'matched',
            ),
          })
          .where(and(where, past));
        const matches = (params.q ? inner.limit(FENCE) : inner).as('matches');
        return t
          .from(matches, {
            id: matches.id,
            mrn: matches.mrn,
            givenName: matches.givenName,
            familyName: matches.familyName,
            dateOfBirth: matches.dateOfBirth,
            sex: matches.sex,
            phone: matches.phone,
            createdAt: matches.createdAt,
            matched: matches.matched,
          })
          .orderBy(...keys.map((_, i) => direction(sql.identifier(`k${i}`))), direction(matches.id))
          .limit(limit);
      },
    );
    const matchedOnFirstPage = !info.hasPrevious && rows[0]?.matched;
    const { total, capped } = await pageTotal({ rows, info }, async () =>
      matchedOnFirstPage
        ? capAt(Number(matchedOnFirstPage), countCap)
        : where
          ? countUpTo(t, patients, where, countCap, countOrder(params))
          : { total: await readCounter(t, PATIENTS_TOTAL_COUNTER), capped: false },
    );
    return {
      rows: rows.map(({ matched: _matched, ...r }) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
      })),
      total,
      totalCapped: capped,
      pager: info,
      size: params.size,
      sort: params.sort,
      dir: params.dir,
    };
  }
}
