import type { Database } from '../client';
import { getDb } from '../client';
import { systemAuditEvents } from '../schema';

/** Who does a control-plane change, carried into the system audit trail. */
export interface ActorContext {
  userId: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface SystemAuditEntry {
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  clinicId?: string | null;
  entityType?: string;
  entityId?: string;
  metadata?: Record<string, unknown>;
}

export async function recordSystemEvent(
  actor: ActorContext,
  entry: SystemAuditEntry,
  db: Database = getDb().db,
): Promise<void> {
  await db.insert(systemAuditEvents).values({
    actorUserId: actor.userId,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
    clinicId: entry.clinicId ?? null,
    action: entry.action,
    outcome: entry.outcome,
    entityType: entry.entityType,
    entityId: entry.entityId,
    metadata: entry.metadata,
  });
}

/** Runs a control-plane change and its audit row in one transaction. */
export async function auditedChange<R>(
  actor: ActorContext,
  entry: (result: R) => SystemAuditEntry,
  change: (db: Database) => Promise<R>,
): Promise<R> {
  return getDb().db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const result = await change(db);
    await recordSystemEvent(actor, entry(result), db);
    return result;
  });
}
