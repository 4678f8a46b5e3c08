import { sql } from 'drizzle-orm';
import {
  pgPolicy,
  pgTable,
  timestamp,
  unique,
  uuid,
  type PgColumnBuilderBase,
  type PgTableExtraConfigValue,
} from 'drizzle-orm/pg-core';
import type { BuildExtraConfigColumns } from 'drizzle-orm/column-builder';
import { clinics } from './system';

/** The database role tenant work runs as: owns nothing, NOBYPASSRLS (created in migration 0000). */
export const TENANT_ROLE = 'clinic_app_tenant';

/**
 * The row-level-security predicate every tenant table shares. `nullif` matters: after a
 * transaction-local set_config a pooled connection reads '' rather than NULL, and '' must match
 * nothing (fail closed) instead of erroring on the uuid cast.
 */
export const currentClinicPredicate = sql`clinic_id = nullif(current_setting('app.clinic_id', true), '')::uuid`;

const tenantColumns = {
  id: uuid('id').primaryKey().defaultRandom(),
  clinicId: uuid('clinic_id')
    .notNull()
    .references(() => clinics.id),
};

type TenantColumns = typeof tenantColumns;

/**
 * Declares a tenant table. Every tenant table goes through here so that none can forget its
 * `clinic_id`, the `unique (clinic_id, id)` that composite foreign keys point at, and the RLS
 * policy. FORCE ROW LEVEL SECURITY and the grants, which drizzle-kit cannot express, live in the
 * custom migration `0002_tenant_walls.sql`; the catalog test fails when a table misses them.
 */
export function tenantTable<
  TName extends string,
  TColumns extends Record<string, PgColumnBuilderBase>,
>(
  name: TName,
  columns: TColumns,
  extraConfig?: (
    self: BuildExtraConfigColumns<TName, TenantColumns & TColumns, 'pg'>,
  ) => PgTableExtraConfigValue[],
) {
  return pgTable(name, { ...tenantColumns, ...columns }, (self) => [
    unique(`${name}_clinic_id_id_key`).on(self.clinicId, self.id),
    pgPolicy(`${name}_clinic_isolation`, {
      as: 'permissive',
      for: 'all',
      using: currentClinicPredicate,
      withCheck: currentClinicPredicate,
    }),
    ...(extraConfig ? extraConfig(self) : []),
  ]);
}

export const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};
