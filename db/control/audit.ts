import { and, count, eq, gte } from 'drizzle-orm';
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

export const CROSS_TENANT_WINDOW_MS = 10 * 60_000;
export const CROSS_TENANT_ALERT_THRESHOLD = 3;

/**
 * Records an attempt to reach another clinic (a refused switch, a foreign id). The third attempt
 * by one user within the window also raises a `security.cross_tenant_alert` event.
 */
export async function recordCrossTenantAttempt(
  actor: ActorContext,
  details: { clinicId?: string | null; entityType?: string; entityId?: string },
): Promise<{ alerted: boolean }> {
  const db = getDb().db;
  await recordSystemEvent(actor, {
    action: 'security.cross_tenant_attempt',
    outcome: 'denied',
    ...details,
  });
  if (!actor.userId) return { alerted: false };
  const since = new Date(Date.now() - CROSS_TENANT_WINDOW_MS);
  const [row] = await db
    .select({ n: count() })
    .from(systemAuditEvents)
    .where(
      and(
        eq(systemAuditEvents.actorUserId, actor.userId),
        eq(systemAuditEvents.action, 'security.cross_tenant_attempt'),
        gte(systemAuditEvents.occurredAt, since),
      ),
    );
  const alerted = (row?.n ?? 0) >= CROSS_TENANT_ALERT_THRESHOLD;
  if (alerted) {
    console.warn(`[security] repeated cross-clinic attempts by user ${actor.userId}`);
    await recordSystemEvent(actor, {
      action: 'security.cross_tenant_alert',
      outcome: 'denied',
      metadata: { attemptsInWindow: row?.n },
    });
  }
  return { alerted };
}
