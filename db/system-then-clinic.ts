import { sql } from 'drizzle-orm';
import { getDb, type Database } from './client';
import { TENANT_ROLE } from './schema/tenant-table';
import { TenantScope } from './tenant';

/** The owner's handle inside that transaction, as the system part sees it. */
export type SystemTx = Database;

/**
 * One transaction that changes system tables as the owner and then writes the clinic's own rows
 * (its audit trail) as the tenant role, so both commit or neither does: an invitation, a role
 * change or a removal is never left without its row in the clinic's log, nor the other way round.
 * The switch happens after `system` returns and lasts to the end of the transaction, so the clinic
 * part runs behind row-level security like any tenant work. `clinicId` is a uuid the caller read
 * from the database, not user input.
 */
export async function systemThenClinic<R>(
  clinicId: string,
  system: (db: SystemTx) => Promise<R>,
  clinic: (scope: TenantScope, result: R) => Promise<void>,
): Promise<R> {
  return getDb().db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const result = await system(db);
    await db.execute(
      sql`select set_config('role', ${TENANT_ROLE}, true), set_config('app.clinic_id', ${clinicId}, true)`,
    );
    await clinic(new TenantScope(db, clinicId), result);
    return result;
  });
}
