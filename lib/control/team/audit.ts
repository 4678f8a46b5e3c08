import 'server-only';
import { recordSystemEvent, type ActorContext, type SystemAuditEntry } from '@/db/control/audit';
import { systemThenClinic, type SystemTx } from '@/db/system-then-clinic';
import type { TenantScope } from '@/db/tenant';
import { recordAudit, type AuditEntry } from '@/lib/audit/record';

/** Who changes a clinic's team: a clinic admin (tenant plane) or an operator (control plane). */
export interface TeamActor extends ActorContext {
  userId: string;
  /** Control-plane work is also written to the system log. */
  controlPlane: boolean;
}

/**
 * Runs a team change on the system tables and writes its row in the clinic's audit log (and the
 * system log for an operator), in one transaction. `after` runs last, as the tenant role: the place
 * for a message, whose own audit row then lands in the clinic's log too.
 */
export async function auditedTeamChange<R>(
  actor: TeamActor,
  clinicId: string,
  change: (db: SystemTx) => Promise<R>,
  entry: (result: R) => AuditEntry & { outcome: NonNullable<AuditEntry['outcome']> },
  after?: (scope: TenantScope, result: R) => Promise<void>,
): Promise<R> {
  return systemThenClinic(
    clinicId,
    async (db) => {
      const result = await change(db);
      if (actor.controlPlane) {
        const system: SystemAuditEntry = { ...entry(result), clinicId };
        await recordSystemEvent(actor, system, db);
      }
      return result;
    },
    async (scope, result) => {
      await recordAudit(scope, actor, entry(result));
      await after?.(scope, result);
    },
  );
}
