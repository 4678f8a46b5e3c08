/**
 * Wall 1: `tenantDb(clinicId)`, the only way application code reaches tenant tables.
 *
 * Every query it builds filters on clinic_id and every insert sets it, and all of it runs in a
 * transaction as the tenant role (owns nothing, NOBYPASSRLS) with `app.clinic_id` set, so the RLS
 * policies (wall 2) hold even when the connection itself is a superuser's.
 */
import { and, count, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { PgColumn, PgUpdateSetSource, SelectedFields } from 'drizzle-orm/pg-core';
import { getDb, type Database } from './client';
import { confine, type ScopedSelect, type SelectSource, type TenantTable } from './scoped-select';
import { findByIdStatement } from './tenant-statements';
import {
  InvalidClinicIdError,
  UUID,
  runOnPool,
  tenantBeginSql,
  type TenantAccess,
} from './tenant-pg';
import { TENANT_ROLE } from './schema/tenant-table';

export type { TenantTable } from './scoped-select';
export { InvalidClinicIdError, tenantBeginSql } from './tenant-pg';

type Row<T extends TenantTable> = T['$inferSelect'];
/** Callers never supply clinic_id: the scope sets it. */
export type TenantInsert<T extends TenantTable> = Omit<T['$inferInsert'], 'clinicId'>;
export type TenantUpdate<T extends TenantTable> = Omit<PgUpdateSetSource<T>, 'clinicId' | 'id'>;

export interface PageRequest {
  where?: SQL;
  /** Columns (ascending) or `asc()` / `desc()` expressions. */
  orderBy?: (SQL | PgColumn)[];
  limit: number;
  offset?: number;
}

/** What a clinic audit row recorded, as handed to an `AuditMirror` after commit. */
export interface AuditedEvent {
  action: string;
  outcome: string;
  entityType?: string;
  entityId?: string;
}

/**
 * Support access (lib/control/support/*): every clinic audit row written through the scope is tagged (the
 * support session, in its metadata) and, once the transaction has committed, mirrored into the
 * system log. After commit, because the system log is another connection (and PGlite, one
 * connection, would wait on the open transaction forever); a rolled-back write is mirrored never.
 */
export interface AuditMirror {
  readonly tag: Record<string, unknown>;
  mirror(events: readonly AuditedEvent[]): Promise<void>;
}

/** Queries inside one tenant transaction. */
export class TenantScope {
  /** The clinic audit rows written in this transaction, when an `AuditMirror` wants them. */
  readonly audited: AuditedEvent[] = [];

  constructor(
    private readonly tx: Database,
    readonly clinicId: string,
    readonly auditMirror?: AuditMirror,
  ) {}

  /**
   * `clinic_id = <this clinic>` and any further conditions: the one place the filter is built.
   * `clinic` is a placeholder only in a statement built once for every clinic (findById), whose
   * every execution sets it to the scope's clinic.
   */
  private scoped(
    table: TenantTable,
    conditions: (SQL | undefined)[],
    clinic: string | Placeholder = this.clinicId,
  ): SQL {
    return and(eq(table.clinicId, clinic), ...conditions) as SQL;
  }

  /** A row to insert, in this clinic. */
  private stamp<V extends object>(values: V): V & { clinicId: string } {
    // Spread first so that a clinicId smuggled in through an untyped value is overwritten.
    return { ...values, clinicId: this.clinicId };
  }

  /**
   * `SELECT fields FROM source` in this transaction, confined to this clinic by construction
   * (db/scoped-select.ts): a table with a clinic_id is filtered on it and every later `.where()`
   * is ANDed to that; a tenant table joined with `innerJoin` / `leftJoin` gets the filter in its
   * ON. Tables without a clinic (setting definitions, roles, users) and subqueries of scoped reads
   * are read as they are. Without `fields`, drizzle's `select()` of every column.
   */
  from<S extends SelectSource>(source: S): ScopedSelect<S, undefined>;
  from<S extends SelectSource, F extends SelectedFields>(source: S, fields: F): ScopedSelect<S, F>;
  from(source: SelectSource, fields?: SelectedFields): unknown {
    const select = fields ? this.tx.select(fields) : this.tx.select();
    return confine(select.from(source), source, (table, condition) =>
      this.scoped(table, [condition]),
    );
  }

  /** The row with this id in this clinic: a statement built once per table and connection. */
  async findById<T extends TenantTable>(table: T, id: string): Promise<Row<T> | undefined> {
    if (!UUID.test(id)) return undefined;
    // Built once for every clinic of this connection: the clinic is a placeholder, set below.
    const statement = findByIdStatement(this.tx, table, () =>
      this.scoped(table, [eq(table.id, sql.placeholder('id'))], sql.placeholder('clinicId')),
    );
    const rows = await statement.execute({ clinicId: this.clinicId, id });
    return rows[0] as Row<T> | undefined;
  }

  async list<T extends TenantTable>(table: T, page: PageRequest): Promise<Row<T>[]> {
    const rows = await this.from(table as TenantTable)
      .where(page.where)
      .orderBy(...(page.orderBy ?? [table.id]))
      .limit(page.limit)
      .offset(page.offset ?? 0);
    return rows as Row<T>[];
  }

  async count(table: TenantTable, where?: SQL): Promise<number> {
    const [row] = await this.from(table, { n: count() }).where(where);
    // Stryker disable next-line OptionalChaining: count() without GROUP BY answers one row
    return row?.n ?? 0;
  }

  /** One page of rows plus the total, read in the same transaction. */
  async listPage<T extends TenantTable>(
    table: T,
    page: PageRequest,
  ): Promise<{ rows: Row<T>[]; total: number }> {
    const rows = await this.list(table, page);
    const total = await this.count(table, page.where);
    return { rows, total };
  }

  async insert<T extends TenantTable>(table: T, values: TenantInsert<T>): Promise<Row<T>>;
  async insert<T extends TenantTable>(table: T, values: TenantInsert<T>[]): Promise<Row<T>[]>;
  async insert<T extends TenantTable>(
    table: T,
    values: TenantInsert<T> | TenantInsert<T>[],
  ): Promise<Row<T> | Row<T>[]> {
    const list = Array.isArray(values) ? values : [values];
    if (list.length === 0) return [];
    const rows = (await this.tx
      .insert(table)
      .values(list.map((v) => this.stamp(v)) as T['$inferInsert'][])
      .returning()) as Row<T>[];
    return Array.isArray(values) ? rows : (rows[0] as Row<T>);
  }

  /**
   * INSERT … ON CONFLICT (target) DO UPDATE SET … RETURNING *, in one atomic statement (e.g. a
   * per-clinic counter). clinic_id is set by the scope and cannot be changed by `set`; include
   * `clinicId` in `target` so the conflict is looked up within this clinic.
   */
  async upsert<T extends TenantTable>(
    table: T,
    values: TenantInsert<T>,
    onConflict: { target: PgColumn[]; set: TenantUpdate<T> },
  ): Promise<Row<T>> {
    const {
      clinicId: _ignoredClinic,
      id: _ignoredId,
      ...safeSet
    } = onConflict.set as Record<string, unknown>;
    const rows = (await this.tx
      .insert(table)
      .values(this.stamp(values) as T['$inferInsert'])
      .onConflictDoUpdate({ target: onConflict.target, set: safeSet as PgUpdateSetSource<T> })
      .returning()) as Row<T>[];
    return rows[0] as Row<T>;
  }

  /**
   * INSERT … ON CONFLICT [(target) [WHERE predicate]] DO NOTHING RETURNING *: the new row, or
   * undefined when a conflicting row already exists. `where` names the predicate of a partial
   * unique index (e.g. "one active export per request"). clinic_id is set by the scope; include
   * `clinicId` in `target` so the conflict is looked up within this clinic. Without a target, a
   * conflict on any unique index of the table counts (every one of them starts with clinic_id).
   */
  async insertIfAbsent<T extends TenantTable>(
    table: T,
    values: TenantInsert<T>,
    onConflict: { target?: PgColumn[]; where?: SQL } = {},
  ): Promise<Row<T> | undefined> {
    const rows = (await this.tx
      .insert(table)
      .values(this.stamp(values) as T['$inferInsert'])
      .onConflictDoNothing({ target: onConflict.target, where: onConflict.where })
      .returning()) as Row<T>[];
    return rows[0];
  }

  /**
   * The patient-portal account with exactly this e-mail (case-insensitive) if it may be linked,
   * else null: a missing, staff, operator or disabled account all answer null. `throttled` when
   * `actorId` has used up `limit.count` look-ups in `limit.windowMinutes` (then nothing is looked
   * up). The tenant role cannot read `users` beyond its clinic's staff; this goes through the
   * SECURITY DEFINER function `lookup_portal_account` (migration 0012).
   */
  async lookupPortalAccount(
    actorId: string,
    email: string,
    limit: { count: number; windowMinutes: number },
  ): Promise<{ accountId: string | null; throttled: boolean }> {
    const result = await this.tx.execute(
      sql`select account_id, throttled from lookup_portal_account(${actorId}, ${email}, ${limit.count}, ${limit.windowMinutes})`,
    );
    return {
      accountId: firstValue<string>(result, 'account_id'),
      throttled: firstValue<boolean>(result, 'throttled') === true,
    };
  }

  /**
   * The e-mail of the portal account linked to one of this clinic's patients, or null (function
   * `patient_portal_email`, migration 0005: it checks the active clinic itself).
   */
  /** Timestamps formatted by SQL in this transaction (`to_char`) are shown in this zone. */
  async useTimeZone(timeZone: string): Promise<void> {
    await this.tx.execute(sql`select set_config('TimeZone', ${timeZone}, true)`);
  }

  async patientPortalEmail(patientId: string): Promise<string | null> {
    if (!UUID.test(patientId)) return null;
    const result = await this.tx.execute(sql`select patient_portal_email(${patientId}) as email`);
    return firstValue<string>(result, 'email');
  }

  async update<T extends TenantTable>(
    table: T,
    set: TenantUpdate<T>,
    where: SQL | undefined,
  ): Promise<Row<T>[]> {
    const { clinicId: _ignoredClinic, id: _ignoredId, ...safeSet } = set as Record<string, unknown>;
    return (await this.tx
      .update(table)
      .set(safeSet as PgUpdateSetSource<T>)
      .where(this.scoped(table, [where]))
      .returning()) as Row<T>[];
  }

  async delete<T extends TenantTable>(table: T, where: SQL | undefined): Promise<Row<T>[]> {
    return (await this.tx
      .delete(table)
      .where(this.scoped(table, [where]))
      .returning()) as Row<T>[];
  }
}

/** node-postgres and PGlite both answer `execute` with `{ rows }`. */
function firstValue<V>(result: unknown, column: string): V | null {
  // Stryker disable next-line ArrayDeclaration: both drivers always answer `rows`
  const rows = (result as { rows?: Record<string, unknown>[] }).rows ?? [];
  return (rows[0]?.[column] as V | null | undefined) ?? null;
}

type TenantWork<R> = (scope: TenantScope) => Promise<R>;

export interface TenantDb {
  readonly clinicId: string;
  /** Runs `work` in one transaction as the tenant role with this clinic set. */
  transaction<R>(work: TenantWork<R>): Promise<R>;
  /**
   * The same, READ ONLY: any write in `work` fails. On Postgres the result is handed back before
   * COMMIT has answered (db/tenant-pg.ts), one round trip sooner. For work that only reads.
   */
  read<R>(work: TenantWork<R>): Promise<R>;
  findById<T extends TenantTable>(table: T, id: string): Promise<Row<T> | undefined>;
  list<T extends TenantTable>(table: T, page: PageRequest): Promise<Row<T>[]>;
  listPage<T extends TenantTable>(
    table: T,
    page: PageRequest,
  ): Promise<{ rows: Row<T>[]; total: number }>;
  count<T extends TenantTable>(table: T, where?: SQL): Promise<number>;
}

export function tenantDb(clinicId: string, auditMirror?: AuditMirror): TenantDb {
  if (typeof clinicId !== 'string' || !UUID.test(clinicId)) throw new InvalidClinicIdError();
  const transaction = <R>(work: TenantWork<R>) => runMirrored(clinicId, work, auditMirror);
  // Nothing is written in a read, so there is no audit row to mirror.
  const read = <R>(work: TenantWork<R>) => runAsTenant(clinicId, 'read only', work, auditMirror);
  return {
    clinicId,
    transaction,
    read,
    findById: (table, id) => read((t) => t.findById(table, id)),
    list: (table, page) => read((t) => t.list(table, page)),
    listPage: (table, page) => read((t) => t.listPage(table, page)),
    count: (table, where) => read((t) => t.count(table, where)),
  };
}

/** The transaction, then (committed) the audit rows it wrote handed to the mirror, if any. */
async function runMirrored<R>(
  clinicId: string,
  work: TenantWork<R>,
  auditMirror: AuditMirror | undefined,
): Promise<R> {
  const audited: AuditedEvent[] = [];
  const result = await runAsTenant(
    clinicId,
    'read write',
    async (scope) => {
      const done = await work(scope);
      audited.push(...scope.audited);
      return done;
    },
    auditMirror,
  );
  await auditMirror?.mirror(audited);
  return result;
}

async function runAsTenant<R>(
  clinicId: string,
  access: TenantAccess,
  work: TenantWork<R>,
  auditMirror?: AuditMirror,
): Promise<R> {
  const handle = getDb();
  const scoped = (db: Database) => work(new TenantScope(db, clinicId, auditMirror));
  if (handle.kind === 'pg') {
    return runOnPool(handle.pool, tenantBeginSql(clinicId, access), access, scoped);
  }
  return handle.db.transaction(
    async (tx) => {
      await tx.execute(
        sql`select set_config('role', ${TENANT_ROLE}, true), set_config('app.clinic_id', ${clinicId}, true)`,
      );
      return scoped(tx as unknown as Database);
    },
    { accessMode: access },
  );
}
