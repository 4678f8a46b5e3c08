import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { patients } from '@/db/schema';
import { TenantScope, tenantDb } from '@/db/tenant';
import { named, rowIds, type BenchCase, type PlainQuery } from './types';

/** One patient by id in the big clinic: `tenantDb(clinic).findById(patients, id)`. */
export const pointLookup: BenchCase = {
  id: 'point-lookup',
  title: 'Point lookup (patient by id)',
  goal: 1.25,
  before: '2.59',
  describe: (ctx) =>
    `findById(patients, id) in the big clinic (${ctx.plan.bigClinicPatients.toLocaleString('en-US')} patients), ` +
    `ids drawn from a sample of ${ctx.sampleIds.length.toLocaleString('en-US')}`,
  async prepare(ctx, iterations) {
    const clinicId = ctx.bigClinicId;
    const ids = Array.from(
      { length: iterations },
      () => ctx.sampleIds[Math.floor(ctx.random() * ctx.sampleIds.length)] as string,
    );
    const scope = new TenantScope(getDb().db, clinicId);
    // Exactly what TenantScope.findById builds; run.ts checks that tenantDb sends this text.
    const build = (id: string): PlainQuery => {
      const q = scope.from(patients).where(eq(patients.id, id)).limit(1).toSQL();
      return { text: q.sql, values: q.params };
    };
    const queries = ids.map(build);
    const tdb = tenantDb(clinicId);
    const at = (i: number) => ids[i % ids.length] as string;
    return {
      wallsOn: (i) => tdb.findById(patients, at(i)),
      work: (i) => (t) => t.findById(patients, at(i)),
      query: (i) => queries[i % queries.length] as PlainQuery,
      build: (i) => build(at(i)),
      statement: (db, clinic, keepName) => {
        const stmt = named(
          db
            .select()
            .from(patients)
            .where(
              and(
                eq(patients.clinicId, sql.placeholder('clinicId')),
                eq(patients.id, sql.placeholder('id')),
              ),
            )
            .limit(1)
            .prepare('bench_point_lookup'),
          keepName,
        );
        return async (i) => (await stmt.execute({ clinicId: clinic, id: at(i) }))[0];
      },
      ids: rowIds,
    };
  },
};
