import { eventType } from 'inngest';
import { z } from 'zod';
import { text } from '@/lib/validation/text';

/**
 * Every event the app sends. Each schema requires `clinicId`: a job always names its clinic.
 * Events carry ids, never PHI. Schemas must not use .default()/.transform() (Inngest v4 rejects
 * them at compile time).
 */
const clinicId = z.uuid();

export const exportRequested = eventType('clinic/export.requested', {
  schema: z.object({ clinicId, exportId: z.uuid() }),
});

export const reportRequested = eventType('clinic/report.requested', {
  schema: z.object({
    clinicId,
    /** The month reported on, e.g. 2026-10. */
    period: text().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be YYYY-MM'),
  }),
});

export const retentionRequested = eventType('clinic/retention.requested', {
  schema: z.object({
    clinicId,
    dryRun: z.boolean(),
    /** Overrides of the clinic's settings for this run only (operators, from the dashboard). */
    retentionDays: z.number().int().min(1).max(3650).optional(),
    keepLatest: z.number().int().min(1).max(1000).optional(),
    graceDays: z.number().int().min(0).max(365).optional(),
    /** Who asked (control plane or CLI), for the audit trail. */
    requestedBy: z.uuid().optional(),
  }),
});

export const ALL_EVENTS = [exportRequested, reportRequested, retentionRequested] as const;
export const KNOWN_EVENT_NAMES: ReadonlySet<string> = new Set(ALL_EVENTS.map((e) => e.name));
