/**
 * Test-only wall modes: each of the three walls between clinics proven alone (docs/INVARIANTS.md,
 * "Each wall alone"). `WALLS=wall1|wall2|wall3` takes the other two walls away for one test run;
 * unset (or `all`) leaves everything as production has it. `npm run test:walls` runs the
 * isolation suites in each mode (which suites: vitest.config.ts).
 *
 * - wall1, the data layer alone: the test databases lose row-level security and their composite
 *   foreign keys become plain ones, so tenantDb's SQL still runs as the tenant role but nothing in
 *   the database keeps clinics apart.
 * - wall2, row-level security alone: tenantDb loses its clinic filter (and stops overwriting a
 *   clinic id on inserts), and the composite keys become plain ones.
 * - wall3, the composite keys alone: no row-level security and no data-layer filter.
 *
 * Nothing here exists outside tests: only test code reads `WALLS` or imports this file, which
 * `npm run guardrails` (rule test-only-walls) enforces, and production code has no hook for it:
 * the database is altered here and the data layer is patched here.
 */
import { and, sql, type SQL } from 'drizzle-orm';
import type { DbHandle } from '@/db/client';

const WALLS = ['scope', 'rls', 'keys'] as const;
export type Wall = (typeof WALLS)[number];

const MODES = {
  all: WALLS,
  wall1: ['scope'],
  wall2: ['rls'],
  wall3: ['keys'],
} as const satisfies Record<string, readonly Wall[]>;
type WallMode = keyof typeof MODES;
const WALL_MODES = Object.keys(MODES) as WallMode[];

export function wallMode(): WallMode {
  const mode = process.env.WALLS || 'all';
  if (!(mode in MODES))
    throw new Error(`WALLS=${mode}: expected one of ${WALL_MODES.join(', ')} (or unset)`);
  if (mode !== 'all' && process.env.NODE_ENV === 'production')
    throw new Error(`WALLS=${mode} takes walls away: never with NODE_ENV=production`);
  return mode as WallMode;
}

/** Whether `wall` stands in this run. */
export function standing(wall: Wall): boolean {
  return (MODES[wallMode()] as readonly Wall[]).includes(wall);
}

// ---------------------------------------------------------------------------------------------
// Taking walls away

async function rows<R>(handle: DbHandle, query: SQL): Promise<R[]> {
  return ((await handle.db.execute(query)) as unknown as { rows: R[] }).rows;
}

/** Wall 2 away: no table filters rows any more (as the owner, who may alter its tables). */
async function dropRowLevelSecurity(handle: DbHandle): Promise<void> {
  const tables = await rows<{ name: string }>(
    handle,
    sql`select relname as name from pg_class
        where relnamespace = 'public'::regnamespace and relkind = 'r' and relrowsecurity`,
  );
  for (const { name } of tables)
    await handle.db.execute(
      sql.raw(`ALTER TABLE "${name}" NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY`),
    );
}

/**
 * Wall 3 away: every composite key `(clinic_id, x_id) → parent (clinic_id, id)` becomes the plain
 * `x_id → parent (id)`, so references stay valid but may cross clinics. Delete and update rules
 * are kept.
 */
async function plainForeignKeys(handle: DbHandle): Promise<void> {
  const keys = await rows<{ table: string; name: string; def: string }>(
    handle,
    sql`select conrelid::regclass::text as table, conname as name,
          pg_get_constraintdef(oid) as def
        from pg_constraint
        where contype = 'f' and cardinality(conkey) > 1
          and connamespace = 'public'::regnamespace`,
  );
  for (const key of keys) {
    const plain = key.def.replaceAll('(clinic_id, ', '(');
    if (plain === key.def) throw new Error(`${key.name} is not led by clinic_id: ${key.def}`);
    await handle.db.execute(
      sql.raw(
        `ALTER TABLE ${key.table} DROP CONSTRAINT "${key.name}", ADD CONSTRAINT "${key.name}" ${plain}`,
      ),
    );
  }
}

/** Alters a freshly migrated template database for this run's mode (a no-op for "all"). */
export async function applyWallMode(handle: DbHandle): Promise<void> {
  if (!standing('rls')) await dropRowLevelSecurity(handle);
  if (!standing('keys')) await plainForeignKeys(handle);
}

/**
 * Wall 1 away: TenantScope adds no clinic condition to reads, updates and deletes, and an insert
 * keeps a clinic id its caller smuggled in (else it gets the scope's, as before). Patched on the
 * prototype in the test process only (test/setup.ts).
 */
export async function removeDataLayerFilter(): Promise<void> {
  if (standing('scope')) return;
  const { TenantScope } = await import('@/db/tenant');
  const proto = TenantScope.prototype as unknown as Record<string, unknown>;
  if (typeof proto.scoped !== 'function' || typeof proto.stamp !== 'function')
    throw new Error('TenantScope no longer has scoped() and stamp(): update test/walls.ts');
  proto.scoped = function (_table: unknown, conditions: (SQL | undefined)[]) {
    return and(...conditions);
  };
  proto.stamp = function (this: { clinicId: string }, values: Record<string, unknown>) {
    return { clinicId: this.clinicId, ...values };
  };
}
