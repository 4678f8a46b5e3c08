import { eq, sql } from 'drizzle-orm';
import { clinicCounters } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';

/**
 * Draws the next value of a per-clinic counter (e.g. 'mrn') inside the caller's transaction:
 *
 *   INSERT INTO clinic_counters (clinic_id, name, value) VALUES (<clinic>, <name>, 1)
 *   ON CONFLICT (clinic_id, name) DO UPDATE SET value = clinic_counters.value + 1 RETURNING value
 *
 * One atomic statement: concurrent callers queue on the counter row and each gets its own value.
 * The row stays locked until the caller's transaction ends, so a rollback gives the value back.
 *
 * `floor` covers clinics whose numbers were assigned before the counter existed (imports, an old
 * seed): when this call created the row, the counter jumps to floor() + 1. That is safe under
 * concurrency because the creating transaction holds the row lock; anyone else waits on the
 * conflict and then increments the corrected value.
 */
export async function nextCounter(
  scope: TenantScope,
  name: string,
  floor?: () => Promise<number>,
): Promise<number> {
  const row = await scope.upsert(
    clinicCounters,
    { name, value: 1 },
    {
      target: [clinicCounters.clinicId, clinicCounters.name],
      set: { value: sql`${clinicCounters.value} + 1` },
    },
  );
  if (row.value !== 1 || !floor) return row.value;
  const highest = await floor();
  if (highest < 1) return 1;
  // This transaction created the row and holds its lock: the value is exactly what it sets.
  await scope.update(clinicCounters, { value: highest + 1 }, eq(clinicCounters.name, name));
  return highest + 1;
}

/** A counter's current value in the scope's clinic (0 when it has never been drawn). */
export async function readCounter(scope: TenantScope, name: string): Promise<number> {
  const [row] = await scope
    .from(clinicCounters, { value: clinicCounters.value })
    .where(eq(clinicCounters.name, name));
  return row?.value ?? 0;
}
