import { auditEvents } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';

export interface AuditActor {
  userId: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  entityType?: string;
  entityId?: string;
  /** Ids and counts only: never PHI values or secrets. */
  metadata?: Record<string, unknown>;
}

/**
 * Writes a clinic audit event inside the caller's tenant transaction. Under support access the
 * scope carries an audit mirror (db/tenant.ts): the row then names the support session and is
 * copied to the system log after commit, so no action has to remember to.
 */
export async function recordAudit(
  scope: TenantScope,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  const mirror = scope.auditMirror;
  const outcome = entry.outcome ?? 'success';
  await scope.insert(auditEvents, {
    actorUserId: actor.userId,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
    action: entry.action,
    outcome,
    entityType: entry.entityType,
    entityId: entry.entityId,
    metadata: mirror ? { ...entry.metadata, ...mirror.tag } : entry.metadata,
  });
  if (mirror) {
    scope.audited.push({
      action: entry.action,
      outcome,
      entityType: entry.entityType,
      entityId: entry.entityId,
    });
  }
}
