/**
 * The model behind db/tenant-property.int.test.ts: what every tenant table should hold, and what
 * the walls standing in this run (test/walls.ts) let one clinic's scope see and do.
 */
import { is, ne, type SQL } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '@/db/schema';
import type { TenantTable } from '@/db/tenant';
import { PATIENTS_TOTAL_COUNTER } from '@/lib/patients/constants';
import type { Database } from '@/db/client';
import { standing } from '@/test/walls';

/** Every table declared through tenantTable() (it carries the clinic policy), by SQL name. */
export const TENANT_TABLES: Map<string, TenantTable> = new Map(
  (Object.values(schema) as unknown[])
    .filter(
      (t): t is TenantTable =>
        is(t, PgTable) && 'clinicId' in t && getTableConfig(t).policies.length > 0,
    )
    .map((t) => [getTableConfig(t).name, t]),
);

export interface TableSpec {
  /** An update through the scope that the tenant role may make, and what it does to the model. */
  update?: { set: Record<string, unknown>; apply?: (row: ModelRow) => void };
  /** The tenant role may delete rows (grants in the migrations). */
  deletable: boolean;
  /** Rows the database keeps by itself (a trigger) that the model does not follow. */
  untracked?: SQL;
}

/** What the property does with each tenant table. A new tenant table fails the test until listed. */
export const SPECS: Record<string, TableSpec> = {
  patients: { update: { set: { givenName: 'Changed' } }, deletable: true },
  appointments: { update: { set: { reason: 'Moved' } }, deletable: true },
  file_attachments: { update: { set: { filename: 'renamed.csv' } }, deletable: true },
  audit_events: { deletable: false },
  clinic_settings: { update: { set: { value: 'changed' } }, deletable: true },
  clinic_counters: {
    update: { set: { value: 1000 }, apply: (row) => void (row.value = 1000) },
    deletable: false,
    // The patient total is kept by a trigger on patients; `total` operations check it.
    untracked: ne(schema.clinicCounters.name, PATIENTS_TOTAL_COUNTER),
  },
  exports: {
    update: { set: { status: 'done' }, apply: (row) => void (row.active = false) },
    deletable: false,
  },
  retention_runs: {
    update: { set: { status: 'done' }, apply: (row) => void (row.running = false) },
    deletable: false,
  },
};

export interface ModelRow {
  table: string;
  id: string;
  clinic: number;
  familyName?: string;
  patientId?: string;
  attachmentId?: string | null;
  key?: string;
  name?: string;
  value?: number;
  /** An export still queued (the partial unique index on its request key applies). */
  active?: boolean;
  /** A retention run still running (at most one per clinic). */
  running?: boolean;
}

/**
 * With neither the data layer nor row-level security standing (wall mode 3), a scope sees and
 * changes every clinic's rows; any one of the two keeps it to its own clinic.
 */
export const seesEverything = !standing('scope') && !standing('rls');

/**
 * Where an insert carrying `smuggled` as its clinic id lands: the data layer overwrites it with
 * the scope's clinic; without it the id is written as given, and row-level security refuses a
 * row of another clinic (null).
 */
export function landing(scope: number, smuggled: number | undefined): number | null {
  if (standing('scope') || smuggled === undefined) return scope;
  return smuggled !== scope && standing('rls') ? null : smuggled;
}

/**
 * Only the composite keys refuse a reference to another clinic's row. Without them no wall does,
 * so the operations then refer within the clinic only (a cross-clinic reference would be an
 * accepted write whose later effects no wall describes).
 */
export const crossReferences = standing('keys');

export class Model {
  readonly rows = new Map<string, ModelRow>();

  add(row: ModelRow): void {
    this.rows.set(row.id, row);
  }

  of(table: string): ModelRow[] {
    return [...this.rows.values()].filter((r) => r.table === table);
  }

  visible(scope: number, row: ModelRow): boolean {
    return seesEverything || row.clinic === scope;
  }

  /** Rows of `table` the scope of `scope` sees, in id order (uuid order = hex string order). */
  seen(scope: number, table: string): ModelRow[] {
    return this.of(table)
      .filter((r) => this.visible(scope, r))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** One of clinic `owner`'s rows of `table`, or a random id that no row has. */
  pick(table: string, ref: { owner: number; pick: number }): ModelRow | string {
    const mine = this.of(table).filter((r) => r.clinic === ref.owner);
    return mine.length ? mine[ref.pick % mine.length]! : crypto.randomUUID();
  }
}

export const idOf = (target: ModelRow | string) =>
  typeof target === 'string' ? target : target.id;

export interface World {
  clinics: { id: string; practitionerMembershipId: string }[];
  model: Model;
  /** The tables' owner, for reads past the tenant scope. */
  owner: Database;
  /** Every setting definition's key. */
  settingKeys: string[];
  /** Each booking takes the next hour, so bookings never overlap (the database refuses that). */
  nextSlot: number;
}
