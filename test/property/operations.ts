/**
 * The random operations of db/tenant-property.int.test.ts: every tenant table written, read,
 * changed and deleted through a tenant scope, by clinics that aim at their own rows, at other
 * clinics' rows and at ids that do not exist.
 */
import fc from 'fast-check';
import { SPECS, TENANT_TABLES, seesEverything } from './model';

export const CLINICS = 4;

const clinic = fc.nat({ max: CLINICS - 1 });
/** A row of clinic `owner` (the `pick`-th, cyclically), or a missing id when it has none. */
const target = fc.record({ owner: clinic, pick: fc.nat() });
const anyTable = fc.constantFrom(...TENANT_TABLES.keys());
const tablesWhere = (test: (name: string) => boolean) =>
  fc.constantFrom(...Object.keys(SPECS).filter(test));

/** The operation that writes each tenant table: a plain insert, or one of its own below. */
export const WRITTEN_BY: Record<string, 'insert' | 'book' | 'export' | 'setting' | 'counter'> = {
  patients: 'insert',
  file_attachments: 'insert',
  audit_events: 'insert',
  retention_runs: 'insert',
  appointments: 'book',
  exports: 'export',
  clinic_settings: 'setting',
  clinic_counters: 'counter',
};
const INSERTED = Object.keys(WRITTEN_BY).filter((t) => WRITTEN_BY[t] === 'insert');
export const JOINS = ['twins', 'appointmentPatients', 'exportFiles', 'settings'] as const;

export interface OperationOptions {
  /** The setting keys clinic_settings may hold (its key references setting_definitions). */
  settingKeys: string[];
  /** The tables' owner is not a superuser, so FORCE ROW LEVEL SECURITY binds it. */
  ownerBound: boolean;
}

export function operations({ settingKeys, ownerBound }: OperationOptions) {
  const choices = [
    // Writes: an insert may carry another clinic's id, which must never decide where it lands.
    fc.record({
      kind: fc.constant('insert' as const),
      clinic,
      table: fc.constantFrom(...INSERTED),
      smuggle: fc.option(clinic, { nil: undefined }),
      familyName: fc.constantFrom('Garcia', 'Smith', 'Tanaka', 'Okafor'),
      running: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('book' as const),
      clinic,
      patient: target,
      practitioner: clinic,
    }),
    fc.record({
      kind: fc.constant('export' as const),
      clinic,
      key: fc.constantFrom('k1', 'k2', 'k3'),
      attachment: fc.option(target, { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant('setting' as const),
      clinic,
      key: fc.constantFrom(...settingKeys),
      value: fc.integer(),
    }),
    fc.record({ kind: fc.constant('counter' as const), clinic, name: fc.constantFrom('c1', 'c2') }),
    // Reads, updates and deletes by id, of any clinic's rows.
    fc.record({ kind: fc.constant('find' as const), clinic, table: anyTable, target }),
    fc.record({
      kind: fc.constant('list' as const),
      clinic,
      table: anyTable,
      limit: fc.integer({ min: 1, max: 20 }),
      offset: fc.nat({ max: 10 }),
    }),
    fc.record({ kind: fc.constant('count' as const), clinic, table: anyTable }),
    fc.record({
      kind: fc.constant('update' as const),
      clinic,
      table: tablesWhere((t) => SPECS[t]!.update !== undefined),
      target,
    }),
    fc.record({
      kind: fc.constant('delete' as const),
      clinic,
      table: tablesWhere((t) => SPECS[t]!.deletable),
      target,
    }),
    fc.record({ kind: fc.constant('tamper' as const), clinic, target, erase: fc.boolean() }),
    // Hand-built joins through the scope.
    fc.record({ kind: fc.constant('join' as const), clinic, join: fc.constantFrom(...JOINS) }),
  ];
  // The trigger-kept patient total of the scope's clinic (one row per clinic, so only a scope
  // that sees its own clinic alone can read it).
  const total = fc.record({ kind: fc.constant('total' as const), clinic });
  // The owner reading with a clinic set: only FORCE ROW LEVEL SECURITY keeps it to that clinic.
  const ownerRead = fc.record({ kind: fc.constant('ownerRead' as const), clinic });
  return fc.oneof(
    ...choices,
    ...(seesEverything ? [] : [total]),
    ...(ownerBound ? [ownerRead] : []),
  );
}

export type Operation = ReturnType<typeof operations> extends fc.Arbitrary<infer O> ? O : never;
export type Target = { owner: number; pick: number };
