import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { fileAttachments } from './files';
import { tenantTable } from './tenant-table';

export const EXPORT_KINDS = [
  'patients_csv',
  'appointments_csv',
  'patient_summary_pdf',
  'monthly_report',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/**
 * One requested export or report: queued → running → done | failed, with progress. The file it
 * produced is a file_attachments row of the same clinic (composite key).
 */
export const exportJobs = tenantTable(
  'exports',
  {
    kind: text('kind', { enum: EXPORT_KINDS }).notNull(),
    /** What was asked for (filters, date range, patient id); validated per kind. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    /** A canonical form of kind + params, so the same request is not started twice at once. */
    requestKey: text('request_key').notNull(),
    /**
     * Chosen by the page for one click (a double click or a resent request carries the same key):
     * the second request finds the first export instead of starting another.
     */
    idempotencyKey: text('idempotency_key'),
    status: text('status', { enum: EXPORT_STATUSES }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    rowCount: integer('row_count'),
    /** Null for scheduled reports: the system asked. */
    requestedBy: uuid('requested_by'),
    attachmentId: uuid('attachment_id'),
    /** Why it failed, in words a user can act on. */
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('exports_one_active_per_request')
      .on(t.clinicId, t.requestKey)
      .where(sql`${t.status} in ('queued', 'running')`),
    // The exports list's keyset order (created_at, id) (0017).
    index('exports_clinic_created_idx').on(t.clinicId, t.createdAt, t.id),
    uniqueIndex('exports_clinic_idempotency_key')
      .on(t.clinicId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    foreignKey({
      name: 'exports_attachment_fk',
      columns: [t.clinicId, t.attachmentId],
      foreignColumns: [fileAttachments.clinicId, fileAttachments.id],
    }),
  ],
);

/** One retention run of one clinic: what it found and did, for the control plane. */
export const retentionRuns = tenantTable(
  'retention_runs',
  {
    mode: text('mode', { enum: ['dry_run', 'real'] }).notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] })
      .notNull()
      .default('running'),
    /** Counts per phase: { softDeleted, purged, eligible… } — numbers only. */
    summary: jsonb('summary').$type<Record<string, number>>().notNull().default({}),
    requestedBy: uuid('requested_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('retention_runs_clinic_started_idx').on(t.clinicId, t.startedAt)],
);
