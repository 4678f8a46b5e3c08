import { index, inet, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table';

/**
 * A clinic's audit trail. Holds ids and outcomes, never PHI values or secrets. The tenant role may
 * insert and read it but never update or delete it (grants in 0002_tenant_walls.sql).
 */
export const auditEvents = tenantTable(
  'audit_events',
  {
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    ip: inet('ip'),
    requestId: text('request_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
  },
  (t) => [
    // The log's keyset order (occurred_at, id), unfiltered and by actor or action (0017).
    index('audit_events_clinic_occurred_idx').on(t.clinicId, t.occurredAt, t.id),
    index('audit_events_clinic_actor_idx').on(t.clinicId, t.actorUserId, t.occurredAt, t.id),
    index('audit_events_clinic_action_idx').on(t.clinicId, t.action, t.occurredAt, t.id),
  ],
);
