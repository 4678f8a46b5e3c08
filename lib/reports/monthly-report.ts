/**
 * The scheduled monthly report of one clinic: counted in the clinic's timezone, stored as a
 * `report` attachment of (monthly_report, <period>) that replaces the previous one, and listed on
 * the exports page through an `exports` row of kind monthly_report (requested by nobody: the system).
 *
 * Idempotent: the attachment and exports-row ids come from a step, a re-executed store step finds
 * its attachment already there, and the exports row is one per period (found by its request key),
 * so a rerun for the same period replaces the file and repoints that row.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { NonRetriableError } from 'inngest';
import { exportJobs, fileAttachments } from '@/db/schema';
import type { TenantDb } from '@/db/tenant';
import type { JobStep } from '@/inngest/tenant-job';
import { recordAudit } from '@/lib/audit/record';
import { storeAttachment } from '@/lib/files/attachments';
import { periodRange } from './period';
import { collectMonthlySummary, monthlySummaryCsv } from './summary';

export const MONTHLY_REPORT_ENTITY = 'monthly_report';

/** The exports page's request key for a period: `kind:` + canonical params, as lib/exports builds it. */
export function monthlyReportRequestKey(period: string): string {
  return `monthly_report:${JSON.stringify({ period })}`;
}

export interface MonthlyReportInput {
  period: string;
  timeZone: string;
}

export interface MonthlyReportResult {
  exportId: string;
  attachmentId: string;
  period: string;
  rows: number;
}

/** The exports row of the period (one per period), pointed at the new attachment. */
async function recordExport(
  db: TenantDb,
  ids: { exportId: string; attachmentId: string },
  period: string,
  rows: number,
): Promise<string> {
  return db.transaction(async (t) => {
    const requestKey = monthlyReportRequestKey(period);
    const [existing] = await t.list(exportJobs, {
      where: and(eq(exportJobs.kind, 'monthly_report'), eq(exportJobs.requestKey, requestKey)),
      orderBy: [desc(exportJobs.createdAt), desc(exportJobs.id)],
      limit: 1,
    });
    if (existing?.attachmentId === ids.attachmentId) return existing.id;
    const now = new Date();
    const done = {
      status: 'done' as const,
      progress: 100,
      rowCount: rows,
      attachmentId: ids.attachmentId,
      failureReason: null,
      finishedAt: now,
    };
    let exportId: string;
    if (existing) {
      await t.update(exportJobs, done, eq(exportJobs.id, existing.id));
      exportId = existing.id;
    } else {
      const row = await t.insert(exportJobs, {
        id: ids.exportId,
        kind: 'monthly_report',
        params: { period },
        requestKey,
        requestedBy: null,
        startedAt: now,
        ...done,
      });
      exportId = row.id;
    }
    await recordAudit(
      t,
      { userId: null },
      {
        action: 'report.generate',
        entityType: 'export',
        entityId: exportId,
        metadata: { rows },
      },
    );
    return exportId;
  });
}

export async function produceMonthlyReport(
  db: TenantDb,
  input: MonthlyReportInput,
  step: JobStep,
): Promise<MonthlyReportResult> {
  const { period, timeZone } = input;
  const range = periodRange(period, timeZone);
  const ids = await step.run('report-ids', async () => ({
    exportId: randomUUID(),
    attachmentId: randomUUID(),
    // Fixed once, so a replayed run decides the same way.
    now: new Date().toISOString(),
  }));
  if (new Date(ids.now) < range.start) {
    throw new NonRetriableError(`The period ${period} has not started yet in ${timeZone}.`);
  }
  // West of UTC the month may not have ended locally when the cron fires: under Inngest, wait for
  // it (the inline driver has no durable sleep and reports the month so far).
  if (new Date(ids.now) < range.end && step.sleepUntil) {
    await step.sleepUntil('report-wait-for-period-end', range.end.toISOString());
  }

  const stored = await step.run('report-store', async () => {
    const summary = await db.transaction((t) => collectMonthlySummary(t, input, range));
    const { csv, rows } = await monthlySummaryCsv(summary);
    // A re-executed step (crash after storing) finds its attachment and keeps it.
    if (!(await db.findById(fileAttachments, ids.attachmentId))) {
      await storeAttachment(
        db,
        {
          id: ids.attachmentId,
          entityType: MONTHLY_REPORT_ENTITY,
          entityId: period,
          purpose: 'report',
          filename: `monthly-report-${period}.csv`,
          contentType: 'text/csv; charset=utf-8',
          createdBy: null,
          replacePrevious: true,
        },
        csv,
      );
    }
    return { rows };
  });

  const exportId = await step.run('report-record', () =>
    recordExport(db, ids, period, stored.rows),
  );
  return { exportId, attachmentId: ids.attachmentId, period, rows: stored.rows };
}
