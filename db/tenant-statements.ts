/**
 * Statements of a fixed shape, built once per connection (docs/benchmarks.md, P3 and P4).
 *
 * `findById` is the hottest tenant read and always the same SQL for a table: drizzle builds it
 * once per pooled connection, with the clinic and the id as placeholders, and Postgres parses it
 * once per connection under its name. The clinic filter is in the statement, as in every scoped
 * read. A named statement may be served by a generic plan after five runs; for this shape that is
 * safe whatever the clinic's size: `(clinic_id, id)` is unique, so the plan is that index's scan
 * for a clinic of 800 patients or of 200,000 (the plans are in docs/benchmarks.md).
 */
import { getTableName, type SQL } from 'drizzle-orm';
import type { Database } from './client';
import type { TenantTable } from './scoped-select';

/** `where`: the scope's clinic filter and the id, both placeholders (TenantScope.findById). */
function buildFindById(db: Database, table: TenantTable, where: SQL) {
  return db
    .select()
    .from(table)
    .where(where)
    .limit(1)
    .prepare(`tenant_find_${getTableName(table)}`);
}

type FindById = ReturnType<typeof buildFindById>;

// Keyed by the connection's drizzle instance (db/tenant-pg.ts keeps one per pooled client); a
// PGlite transaction is a new instance each time, so there it is built per call.
const findByIdByDb = new WeakMap<Database, Map<TenantTable, FindById>>();

export function findByIdStatement(db: Database, table: TenantTable, where: () => SQL): FindById {
  let byTable = findByIdByDb.get(db);
  if (!byTable) {
    byTable = new Map();
    findByIdByDb.set(db, byTable);
  }
  let statement = byTable.get(table);
  if (!statement) {
    statement = buildFindById(db, table, where());
    byTable.set(table, statement);
  }
  return statement;
}
