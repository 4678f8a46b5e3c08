import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients } from '@/db/schema';
import { TenantScope, tenantDb, type PageRequest } from '@/db/tenant';
import { named, rowIds, type BenchCase, type PlainQuery } from './types';

const PAGE = 50;
const MAX_PAGES = 100;

const orderBy = () => [asc(patients.familyName), asc(patients.givenName), asc(patients.id)];

function pages(bigClinicPatients: number): number {
  return Math.max(1, Math.min(MAX_PAGES, Math.floor(bigClinicPatients / PAGE)));
}

/** A 50-row page sorted by name: `tenantDb(clinic).list(patients, { orderBy, limit, offset })`. */
export const sortedPage: BenchCase = {
  id: 'sorted-page',
  title: '50-row page sorted by name',
  goal: 1.1,
  before: '1.20',
  describe: (ctx) =>
    `list(patients, { orderBy: family_name, given_name, id; limit: ${PAGE}; offset: random page ` +
    `of the first ${pages(ctx.plan.bigClinicPatients)} }) in the big clinic`,
  async prepare(ctx, iterations) {
    const clinicId = ctx.bigClinicId;
    const n = pages(ctx.plan.bigClinicPatients);
    const requests: PageRequest[] = Array.from({ length: iterations }, () => ({
      orderBy: orderBy(),
      limit: PAGE,
      offset: PAGE * Math.floor(ctx.random() * n),
    }));
    const scope = new TenantScope(getDb().db, clinicId);
    // Exactly what TenantScope.list builds; run.ts checks that tenantDb sends this text.
    const build = (page: PageRequest): PlainQuery => {
      const q = scope
        .from(patients)
        .where(page.where)
        .orderBy(...(page.orderBy ?? []))
        .limit(page.limit)
        .offset(page.offset ?? 0)
        .toSQL();
      return { text: q.sql, values: q.params };
    };
    const queries = requests.map(build);
    const tdb = tenantDb(clinicId);
    const at = (i: number) => requests[i % requests.length] as PageRequest;
    return {
      wallsOn: (i) => tdb.list(patients, at(i)),
      work: (i) => (t) => t.list(patients, at(i)),
      query: (i) => queries[i % queries.length] as PlainQuery,
      build: (i) => build(at(i)),
      statement: (db, clinic, keepName) => {
        const stmt = named(
          db
            .select()
            .from(patients)
            .where(eq(patients.clinicId, sql.placeholder('clinicId')))
            .orderBy(...orderBy())
            .limit(sql.placeholder('limit'))
            .offset(sql.placeholder('offset'))
            .prepare('bench_sorted_page'),
          keepName,
        );
        return (i) =>
          stmt.execute({ clinicId: clinic, limit: at(i).limit, offset: at(i).offset ?? 0 });
      },
      ids: rowIds,
    };
  },
};
