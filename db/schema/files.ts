import { sql } from 'drizzle-orm';
import { bigint, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table';

export const ATTACHMENT_PURPOSES = ['export', 'report', 'patient_document'] as const;

export const fileAttachments = tenantTable(
  'file_attachments',
  {
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    purpose: text('purpose', { enum: ATTACHMENT_PURPOSES }).notNull(),
    /** Built on the server only, always under clinic_<clinicId>/. */
    storageKey: text('storage_key').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    index('file_attachments_clinic_entity_idx').on(
      t.clinicId,
      t.entityType,
      t.entityId,
      t.purpose,
      t.createdAt,
    ),
    index('file_attachments_clinic_purpose_created_idx').on(t.clinicId, t.purpose, t.createdAt),
    index('file_attachments_clinic_deleted_idx').on(t.clinicId, t.deletedAt),
    // Live rows only: retention's age batches read it from the start every time, and rows it has
    // just soft-deleted drop out of it, so each batch costs the same.
    index('file_attachments_clinic_live_created_idx')
      .on(t.clinicId, t.purpose, t.createdAt)
      .where(sql`deleted_at is null`),
  ],
);
