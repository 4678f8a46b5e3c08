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

/** Writes a clinic audit event inside the caller's tenant transaction. */
export async function recordAudit(
  scope: TenantScope,
  actor: AuditActor,
  entry: AuditEntry,
): Promise<void> {
  await scope.insert(auditEvents, {
    actorUserId: actor.userId,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    entityType: entry.entityType,
    entityId: entry.entityId,
    metadata: entry.metadata,
  });
}
