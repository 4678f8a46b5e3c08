import { recordSystemEvent, type ActorContext } from '@/db/control/audit';
import type { SupportSessionRow } from '@/db/control/support-sessions';
import { tenantDb, type AuditMirror } from '@/db/tenant';
import { recordAudit } from '@/lib/audit/record';

/** How a support session ended, as both logs record it. */
export type SupportEnd = 'expired' | 'operator' | 'clinic_admin';

/**
 * A support-access event in both logs: the system log (where operators are overseen) and the
 * clinic's own (which its admins read). Both name the operator and the support session.
 */
export async function recordSupportEvent(
  actor: ActorContext,
  row: Pick<SupportSessionRow, 'id' | 'clinicId' | 'operatorUserId'>,
  action: string,
  metadata: Record<string, unknown> = {},
): Promise<void> {
  const details = { supportSessionId: row.id, operatorUserId: row.operatorUserId, ...metadata };
  await recordSystemEvent(actor, {
    action,
    outcome: 'success',
    clinicId: row.clinicId,
    entityType: 'support_session',
    entityId: row.id,
    metadata: details,
  });
  await tenantDb(row.clinicId).transaction((t) =>
    recordAudit(t, actor, {
      action,
      entityType: 'support_session',
      entityId: row.id,
      metadata: details,
    }),
  );
}

/**
 * What the clinic context of a support session hands to tenantDb: each clinic audit row written
 * during support names the session and the operator, and is copied to the system log as
 * `support.<action>` (e.g. `support.patient.view`).
 */
export function supportAuditMirror(
  actor: ActorContext & { userId: string },
  support: { id: string; clinicId: string },
): AuditMirror {
  const tag = { supportSessionId: support.id, operatorUserId: actor.userId };
  return {
    tag,
    async mirror(events) {
      for (const e of events) {
        await recordSystemEvent(actor, {
          action: `support.${e.action}`,
          outcome: e.outcome as 'success' | 'failure' | 'denied',
          clinicId: support.clinicId,
          entityType: e.entityType,
          entityId: e.entityId,
          metadata: tag,
        });
      }
    },
  };
}
