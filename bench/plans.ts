/**
 * The plans of tenantDb's named statement (db/tenant-statements.ts, P4). A named statement may be
 * served by one generic plan after five runs, whichever clinic it was prepared for; this shows
 * that plan next to the custom plans for the big clinic and a small one, as the tenant role.
 */
import { eq } from 'drizzle-orm';
import type pg from 'pg';
import { getDb } from '@/db/client';
import { patients, TENANT_ROLE } from '@/db/schema';
import { TenantScope } from '@/db/tenant';
import type { RatioSection } from './cases/ratio';
import type { BenchContext } from './cases/types';

async function explain(
  pool: pg.Pool,
  text: string,
  clinicId: string,
  id: string,
  mode: 'force_generic_plan' | 'force_custom_plan',
): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `select set_config('role', $1, true), set_config('app.clinic_id', $2, true),
              set_config('plan_cache_mode', $3, true)`,
      [TENANT_ROLE, clinicId, mode],
    );
    await client.query(`PREPARE bench_plan AS ${text}`);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (COSTS OFF) EXECUTE bench_plan(${client.escapeLiteral(clinicId)}, ${client.escapeLiteral(id)}, 1)`,
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
    // A prepared statement belongs to the session, not the transaction.
    await client.query('DEALLOCATE ALL');
    client.release();
  }
}

/** The plans of `findById(patients, id)` in the big clinic and the smallest one, as a section. */
export async function findByIdPlans(ctx: BenchContext): Promise<RatioSection> {
  const { rows } = await ctx.floorPool.query<{ clinic_id: string; id: string; n: number }>(
    `select clinic_id, min(id::text) as id, count(*)::int as n from patients
     group by clinic_id order by count(*) asc, clinic_id limit 1`,
  );
  const small = rows[0]!;
  // The text findById's statement sends (run.ts checks tenantDb sends exactly this).
  const text = new TenantScope(getDb().db, ctx.bigClinicId)
    .from(patients)
    .where(eq(patients.id, small.id))
    .limit(1)
    .toSQL().sql;
  const clinics = [
    {
      label: `big clinic (${ctx.plan.bigClinicPatients.toLocaleString('en-US')} patients)`,
      clinicId: ctx.bigClinicId,
      id: ctx.sampleIds[0]!,
    },
    {
      label: `smallest clinic (${small.n.toLocaleString('en-US')} patients)`,
      clinicId: small.clinic_id,
      id: small.id,
    },
  ];
  const table: string[][] = [];
  for (const c of clinics) {
    for (const mode of ['force_custom_plan', 'force_generic_plan'] as const) {
      const plan = await explain(ctx.floorPool, text, c.clinicId, c.id, mode);
      table.push([
        `${mode === 'force_generic_plan' ? 'generic' : 'custom'} plan, ${c.label}`,
        plan
          .split('\n')
          .map((line) => `\`${line.trim()}\``)
          .join('<br>'),
      ]);
    }
  }
  return {
    title: "findById's named statement: its plans (P4)",
    subjectName: '',
    baselineName: '',
    description:
      '`findById` runs one named statement per table and connection (db/tenant-statements.ts). ' +
      'After five runs Postgres may serve it with a generic plan, made without knowing the ' +
      'clinic. `EXPLAIN (COSTS OFF) EXECUTE` as the tenant role, with `plan_cache_mode` forcing ' +
      'each kind, for the big clinic and the smallest: the generic plan is the same unique-index ' +
      'scan on `(clinic_id, id)` as the custom one, so no clinic size can lead it astray.',
    rows: [],
    table: { columns: ['Plan', 'nodes'], rows: table },
    findings: [],
  };
}
