/**
 * The select builder behind `TenantScope.from()`: a drizzle select whose every table with a
 * clinic_id is filtered on the scope's clinic by construction, so no read through the scope can
 * forget the filter.
 *
 * Drizzle's builders have no hook for a standing condition (`.where()` replaces the previous one),
 * so the builder's `where` and join methods are wrapped on the instance: `.where(c)` becomes
 * `.where(clinic filter AND c)`, and an inner or left join of a tenant table gets the filter in
 * its ON. Everything else (projections, ordering, limits, `.as()` subqueries, unions) is drizzle's
 * own, and the SQL is exactly what the same query written by hand with the filter would be.
 */
import { is, SQL, type Subquery } from 'drizzle-orm';
import {
  PgTable,
  type CreatePgSelectFromBuilderMode,
  type PgColumn,
  type SelectedFields,
} from 'drizzle-orm/pg-core';
import type {
  GetSelectTableName,
  GetSelectTableSelection,
} from 'drizzle-orm/query-builders/select.types';

/** Any table with `id` and `clinic_id`: every tenant table, and clinic_memberships. */
export type TenantTable = PgTable & { id: PgColumn; clinicId: PgColumn };

/** What a scoped read starts from: a table, or a subquery built from scoped reads. */
export type SelectSource = PgTable | Subquery;

/** Drizzle's builder for `select(fields).from(source)` (`select()` when F is undefined). */
export type ScopedSelect<
  S extends SelectSource,
  F extends SelectedFields | undefined,
> = CreatePgSelectFromBuilderMode<
  'db',
  GetSelectTableName<S>,
  F extends SelectedFields ? F : GetSelectTableSelection<S>,
  F extends SelectedFields ? 'partial' : 'single'
>;

/** `clinic_id = <clinic>` AND `condition`, for `table`. */
export type ClinicFilter = (table: TenantTable, condition: SQL | undefined) => SQL | undefined;

type Condition = SQL | undefined | ((aliases: unknown) => SQL | undefined);
type Builder = Record<string, (...args: unknown[]) => unknown>;

export function hasClinic(source: unknown): source is TenantTable {
  return is(source, PgTable) && 'clinicId' in source;
}

/** Joins whose ON decides which rows of the joined table appear: the filter belongs there. */
const FILTERED_JOINS = new Set(['innerJoin', 'leftJoin']);
/**
 * Joins that would bring in a tenant table's rows unfiltered (a right or full join keeps the
 * joined side's rows whatever the ON says; a cross join has no ON) or raw SQL the filter cannot
 * see. Nothing needs them; they are refused rather than half-scoped.
 */
const OTHER_JOINS = [
  'rightJoin',
  'fullJoin',
  'crossJoin',
  'innerJoinLateral',
  'leftJoinLateral',
  'crossJoinLateral',
];

function withFilter(filter: ClinicFilter, table: TenantTable, condition: Condition): Condition {
  return typeof condition === 'function'
    ? (aliases) => filter(table, condition(aliases))
    : filter(table, condition);
}

/** Wraps `query` (just built by `.from(source)`) so that it stays within the clinic. */
export function confine<Q extends object>(query: Q, source: unknown, filter: ClinicFilter): Q {
  const builder = query as unknown as Builder;
  if (hasClinic(source)) {
    const where = builder.where!.bind(query);
    builder.where = (condition) => where(withFilter(filter, source, condition as Condition));
    builder.where(undefined);
  }
  for (const name of [...FILTERED_JOINS, ...OTHER_JOINS]) {
    const join = builder[name]!.bind(query);
    builder[name] = (table, on) => {
      if (is(table, SQL)) throw new Error(`${name}(sql\`…\`) in a tenant scope: join a table`);
      if (!hasClinic(table)) return join(table, on);
      if (!FILTERED_JOINS.has(name))
        throw new Error(`${name} of a tenant table in a tenant scope: use innerJoin or leftJoin`);
      return join(table, withFilter(filter, table, on as Condition));
    };
  }
  return query;
}
