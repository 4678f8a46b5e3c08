/**
 * A bench case compares one operation through `tenantDb` (walls on: tenant role, RLS,
 * transaction) with the same SQL sent through a plain `pg` pool as the superuser owner (no RLS,
 * no transaction: the floor). Later cases (patient search, list page, CSV export, retention) add
 * a file here and a line in cases/index.ts.
 */
import type pg from 'pg';
import type { Database } from '@/db/client';
import type { TenantScope } from '@/db/tenant';
import type { BenchOptions } from '../options';
import type { SeedPlan } from '../seed';

export interface BenchContext {
  options: BenchOptions;
  plan: SeedPlan;
  /** The bench database; getDb() points at a pool on it (tenantDb uses that). */
  url: string;
  /** The pool behind getDb(), i.e. the one tenantDb draws from. */
  tenantPool: pg.Pool;
  /** A plain pg pool, same URL and size, as the superuser: RLS is bypassed. */
  floorPool: pg.Pool;
  bigClinicId: string;
  /** A deterministic sample of patient ids in the big clinic. */
  sampleIds: string[];
  /** Deterministic random numbers in [0, 1). */
  random: () => number;
  /** Applies --nice to a pool the bench opens (a no-op without it). */
  boost: (pool: pg.Pool) => void;
}

export interface PlainQuery {
  text: string;
  values: unknown[];
}

export interface PreparedCase {
  /** Through tenantDb, as application code would call it. */
  wallsOn(iteration: number): Promise<unknown>;
  /** The same work as one TenantScope call, for the breakdown's hand-built transactions. */
  work(iteration: number): (scope: TenantScope) => Promise<unknown>;
  /** The SQL drizzle generates for this iteration; the floor sends exactly this. */
  query(iteration: number): PlainQuery;
  /** Builds that SQL with drizzle's query builder now (to time the builder alone). */
  build(iteration: number): PlainQuery;
  /**
   * Prototype only: the same query as a drizzle prepared query on `db` (SQL built once, with
   * placeholders), the clinic filter written out as tenantDb would. `named`: a named server-side
   * statement (parsed and planned once per connection); otherwise sent unnamed like the floor.
   */
  statement(
    db: Database,
    clinicId: string,
    named: boolean,
  ): (iteration: number) => Promise<unknown>;
  /** Ids of the rows a result holds (both shapes), to check the two sides agree. */
  ids(result: unknown): string[];
}

export interface BenchCase {
  id: string;
  title: string;
  /** One line for the report: what is measured, with which parameters. */
  describe(ctx: BenchContext): string;
  /** Goal: walls-on median / floor median at most this. */
  goal: number;
  /** The ratio issue 12 started from, for the goals table. */
  before: string;
  /** Called once before measuring; `iterations` covers warmup + measured. */
  prepare(ctx: BenchContext, iterations: number): Promise<PreparedCase>;
}

/** Row ids from either a drizzle result (objects with id) or a pg result. */
export function rowIds(result: unknown): string[] {
  const rows: unknown[] = Array.isArray(result)
    ? result
    : result && typeof result === 'object' && 'rows' in result
      ? ((result as { rows: unknown[] }).rows ?? [])
      : result === undefined
        ? []
        : [result];
  return rows.map((r) => String((r as { id: unknown }).id));
}

/**
 * Drizzle's prepare() always names the server-side statement. Clearing the name keeps the SQL
 * built once but sends it unnamed (parsed and planned every time), like the floor.
 */
export function named<T>(stmt: T, keepName: boolean): T {
  if (!keepName) {
    const q = stmt as unknown as {
      queryConfig?: { name?: string };
      rawQueryConfig?: { name?: string };
    };
    if (!q.queryConfig || !q.rawQueryConfig)
      throw new Error('unexpected drizzle prepared query shape');
    q.queryConfig.name = undefined;
    q.rawQueryConfig.name = undefined;
  }
  return stmt;
}
