import 'server-only';
import { and, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import { patients } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import type { ClinicContext } from '@/lib/auth/context';
import { readCounter } from '@/lib/counters';
import { cursorState } from '@/lib/pagination/cursor';
import { PATIENTS_TOTAL_COUNTER } from '@/lib/patients/constants';
import type { PatientListParams, PatientSort } from '@/lib/patients/list-params';
import { planSearch } from '@/lib/patients/search-terms';
import type { PatientListPage } from '@/lib/patients/types';
import {
  countAnyUpTo,
  countUpTo,
  keysetOrder,
  LIST_COUNT_CAP,
  pageTotal,
  readKeysetPage,
} from './keyset';
import {
  familyKey,
  givenKey,
  indexOrder,
  mrnKey,
  planBranches,
  planCondition,
} from './patient-search';

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
 * The order a filter without search text is counted in (countUpTo): that of the index holding
 * the filter, so the count reads up to LIST_COUNT_CAP index entries and no table rows
 * (patients_clinic_dob_idx, patients_clinic_sex_idx).
 */
function fieldCountOrder(params: ListFilters): SQL[] {
  const key = params.dobFrom || params.dobTo ? patients.dateOfBirth : patients.sex;
  return [sql`${key}`, sql`${patients.id}`];
}

/** The filters other than the search text: sex and date of birth. */
function fieldFilter(params: ListFilters): SQL | undefined {
  return and(
    params.sex ? eq(patients.sex, params.sex) : undefined,
    params.dobFrom ? gte(patients.dateOfBirth, params.dobFrom) : undefined,
    params.dobTo ? lte(patients.dateOfBirth, params.dobTo) : undefined,
  );
}

/** The list's filter as one condition; the patient CSV export uses the same one. */
export function listFilter(params: ListFilters): SQL | undefined {
  if (!params.q) return fieldFilter(params);
  const plan = planSearch(params.q);
  return and(plan ? planCondition(plan) : sql`false`, fieldFilter(params));
}

/**
 * A filter with search text as the parts Postgres reads apart: one per way the text matches
 * (planBranches), each with the other filters (`fields`) and the keys of the index that holds it.
 */
function textBranches(q: string, fields: SQL | undefined): { where: SQL; indexKeys: SQL[] }[] {
  const plan = planSearch(q);
  if (!plan) return [{ where: sql`false`, indexKeys: [] }];
  return planBranches(plan).map((b) => ({
    where: and(b.condition, fields) as SQL,
    indexKeys: b.indexKeys,
  }));
}

const sameKeys = (a: SQL[], b: SQL[]) => a.length === b.length && a.every((key, i) => key === b[i]);

/**
 * The page's parts: each branch whose index is in the sort's order, read apart (it stops after a
 * page), and every other branch as one condition, gathered and sorted once. Each part of a UNION
 * is built by drizzle and planned by Postgres on its own, about 0.5 ms a part (docs/DATABASE.md),
 * which a selective filter, such as an MRN, a phone number or a date of birth, would pay for
 * nothing.
 */
function pageParts(branches: { where: SQL | undefined; indexKeys: SQL[] }[], keys: SQL[]) {
  const inOrder = branches.filter((b) => sameKeys(b.indexKeys, keys));
  const others = branches.filter((b) => !sameKeys(b.indexKeys, keys));
  return [
    ...inOrder.map((b) => ({ where: b.where, inOrder: true })),
    ...(others.length > 0 ? [{ where: or(...others.map((b) => b.where)), inOrder: false }] : []),
  ];
}

/**
 * One page of the clinic's patients (keyset: the rows after or before the cursor's patient in the
 * chosen order) plus the total, in one tenant transaction.
 *
 * Plans (EXPLAIN on 200k patients, docs/DATABASE.md): without search text the page is read in
 * order from a clinic-led index, starting at the cursor, and stops after `size` rows. With it,
 * the ways the text matches (a family-name prefix, a given-name prefix, an MRN…) are read as the
 * parts of a UNION (pageParts), each with the cursor and a LIMIT of `size` + 1. A way whose index
 * is in the sort's order is a part of its own, read that way and stopped early, so a name filter's
 * page 200 costs what its page 1 costs; the other ways together are one part that gathers its
 * matches first and sorts them (fenced: a subquery with a LIMIT), since otherwise Postgres may
 * walk the whole sort index hoping to meet a few scattered matches early. The total is counted
 * only when the page does not already tell it (one page holds everything): for the unfiltered
 * list it is the clinic's trigger-kept patient counter, one row however large the clinic, read
 * beside the page; a filtered one is counted up to LIST_COUNT_CAP, each branch of a text filter
 * from its own index.
 */
export async function listPatients(
  ctx: Pick<ClinicContext, 'db'>,
  params: PatientListParams,
  { countCap = LIST_COUNT_CAP }: { countCap?: number } = {},
): Promise<PatientListPage> {
  const keys = SORT_KEYS[params.sort];
  const fields = fieldFilter(params);
  const branches = params.q ? textBranches(params.q, fields) : [{ where: fields, indexKeys: keys }];
  const parts = pageParts(branches, keys);
  return ctx.db.read(readPage);

  async function readPage(t: TenantScope) {
    const order = keysetOrder(t, patients, keys, params.dir);
    // Unfiltered, the total is one counter row, read beside the page: on a pipelined connection
    // both queries go out together (db/tenant-pg.ts) instead of one after the other.
    const counter = params.q || fields ? null : readCounter(t, PATIENTS_TOTAL_COUNTER);
    const [{ rows, info }, clinicTotal] = await Promise.all([
      readKeysetPage(
        order,
        cursorState(params),
        params.size,
        ({ past, order: direction, limit }) => {
          const sorted = [...keys.map((_, i) => sql.identifier(`k${i}`)), sql.identifier('id')].map(
            (column) => direction(column),
          );
          const read = ({ where, inOrder }: (typeof parts)[number]) => {
            const matches = t
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
              })
              .where(and(where, past));
            // In its index's order a part stops after `limit` rows; otherwise it is fenced.
            const branch = (
              inOrder ? matches.orderBy(...sorted).limit(limit) : matches.limit(FENCE)
            ).as('branch');
            return t
              .from(branch, { ...branch._.selectedFields })
              .orderBy(...sorted)
              .limit(limit);
          };
          const [head, second, ...rest] = parts.map(read);
          return second
            ? union(head!, second, ...rest)
                .orderBy(...sorted)
                .limit(limit)
            : head!;
        },
      ),
      counter,
    ]);
    const { total, capped } = await pageTotal({ rows, info }, async () =>
      params.q
        ? countAnyUpTo(
            t,
            patients,
            branches.map((b) => ({ where: b.where, inOrder: indexOrder(b) })),
            countCap,
          )
        : fields
          ? countUpTo(t, patients, fields, countCap, fieldCountOrder(params))
          : { total: clinicTotal ?? 0, capped: false },
    );
    return {
      rows: rows.map((r) => ({
        id: r.id,
        mrn: r.mrn,
        givenName: r.givenName,
        familyName: r.familyName,
        dateOfBirth: r.dateOfBirth,
        sex: r.sex,
        phone: r.phone,
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
