/**
 * The export job's domain code (inngest/functions/export.ts is a thin wrapper of steps around
 * these): start, re-check the requester, produce and store the file, finish or fail. Every step
 * is safe to run again: a replayed start of a finished export does nothing, and a produce step
 * retried after the file was stored reuses it instead of storing a second one.
 */
import { randomUUID } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { clinicMemberships, exportJobs, fileAttachments, users } from '@/db/schema';
import type { TenantDb, TenantScope } from '@/db/tenant';
import { STREAM_BATCH_SIZE, canCopyCsv, copyTenantCsv, streamTenantRows } from '@/db/tenant-stream';
import { localDate } from '@/lib/appointments/time';
import { roleHasPermission } from '@/lib/auth/permissions';
import type { TimeFormat } from '@/lib/dates/format';
import { csvStream } from '@/lib/exports/csv';
import { crlfRecords } from '@/lib/exports/csv-records';
import { storeAttachment } from '@/lib/files/attachments';
import { MONTHLY_REPORT_ENTITY } from '@/lib/reports/monthly-report';
import { periodRange } from '@/lib/reports/period';
import { collectMonthlySummary, monthlySummaryCsv } from '@/lib/reports/summary';
import {
  appointmentsCsvSource,
  patientsCsvSource,
  type CsvRow,
  type CsvSource,
} from './csv-sources';
import { parseStoredRequest, type ExportRequest } from './params';
import {
  SUMMARY_APPOINTMENTS,
  loadPatientSummary,
  renderPatientSummaryPdf,
} from './patient-summary-pdf';

export const REVOKED_REASON = 'The requester no longer has permission to export';
export const PATIENT_GONE_REASON = 'The patient is no longer on record in this clinic';
export const UNSUPPORTED_REASON = 'This kind of export cannot be produced here';
export const STOPPED_REASON = 'The export was stopped before it finished';

/** The clinic as the job sees it (display name and timezone from the settings). */
export interface JobClinic {
  id: string;
  name: string;
  timezone: string;
  timeFormat: TimeFormat;
}

/** A started export, as step results carry it (plain JSON). */
export interface StartedExport {
  exportId: string;
  kind: string;
  params: Record<string, unknown>;
  requestedBy: string | null;
  /** The id the file will be stored under, fixed here so that a retried step reuses it. */
  attachmentId: string;
}

export type StartResult =
  | { state: 'missing' }
  | { state: 'finished'; status: 'done' | 'failed' }
  | { state: 'started'; export: StartedExport };

/** A failure with a reason the user can act on; the job records it and does not retry. */
export class ExportFailure extends Error {
  readonly name = 'ExportFailure';
}

const ACTIVE = inArray(exportJobs.status, ['queued', 'running']);

/** Marks the export running (keeping the first start time). A finished one is left alone. */
export async function startExport(db: TenantDb, exportId: string): Promise<StartResult> {
  return db.transaction(async (t) => {
    const [row] = await t.update(
      exportJobs,
      { status: 'running', startedAt: sql`coalesce(${exportJobs.startedAt}, now())` },
      and(eq(exportJobs.id, exportId), ACTIVE),
    );
    if (row) {
      return {
        state: 'started',
        export: {
          exportId: row.id,
          kind: row.kind,
          params: row.params,
          requestedBy: row.requestedBy,
          attachmentId: row.attachmentId ?? randomUUID(),
        },
      } as const;
    }
    const existing = await t.findById(exportJobs, exportId);
    if (!existing) return { state: 'missing' } as const;
    return { state: 'finished', status: existing.status === 'done' ? 'done' : 'failed' } as const;
  });
}

/**
 * Whether the user still holds patients.export in this clinic right now: a live membership of
 * the clinic (read as the tenant role, so only this clinic's memberships are visible), an enabled
 * account, and a role granting the permission.
 */
export async function requesterMayExport(t: TenantScope, userId: string | null): Promise<boolean> {
  if (!userId) return false;
  const [member] = await t
    .from(clinicMemberships, { roleId: clinicMemberships.roleId, disabled: users.disabled })
    .innerJoin(users, eq(users.id, clinicMemberships.userId))
    .where(eq(clinicMemberships.userId, userId))
    .limit(1);
  return Boolean(member && !member.disabled && roleHasPermission(member.roleId, 'patients.export'));
}

/** The job-time permission check; a refusal fails the export (no file is made). */
export async function checkRequester(db: TenantDb, started: StartedExport): Promise<boolean> {
  return db.transaction(async (t) => {
    if (await requesterMayExport(t, started.requestedBy)) return true;
    await markFailed(t, started.exportId, REVOKED_REASON);
    return false;
  });
}

async function markFailed(t: TenantScope, exportId: string, reason: string): Promise<void> {
  await t.update(
    exportJobs,
    { status: 'failed', failureReason: reason, finishedAt: new Date() },
    and(eq(exportJobs.id, exportId), ACTIVE),
  );
}

export async function failExport(db: TenantDb, exportId: string, reason: string): Promise<void> {
  await db.transaction((t) => markFailed(t, exportId, reason));
}

/** Progress and rows so far; throws when the export is no longer running (it was stopped). */
async function reportProgress(
  db: TenantDb,
  exportId: string,
  written: number,
  total: number,
): Promise<void> {
  // Never 100 before the file is stored: "done" says that.
  const progress = total > 0 ? Math.min(99, Math.floor((written * 100) / total)) : 99;
  const rows = await db.transaction((t) =>
    t.update(
      exportJobs,
      { progress, rowCount: written },
      and(eq(exportJobs.id, exportId), eq(exportJobs.status, 'running')),
    ),
  );
  if (rows.length === 0) throw new ExportFailure(STOPPED_REASON);
}

export interface ProduceOptions {
  batchSize?: number;
  now?: Date;
}

export interface Produced {
  attachmentId: string;
  rowCount: number;
}

interface FileSpec {
  entityType: string;
  entityId: string;
  filename: string;
  contentType: string;
}

/**
 * Streams a CSV source into storage, the file pulled by the storage put, so memory stays flat and
 * a slow store slows the read down (backpressure). On Postgres the database writes the CSV (COPY,
 * db/tenant-stream.ts) and only the record ends are changed on the way (crlfRecords); on PGlite
 * the rows come in keyset batches through the CSV writer. Progress is written (from another
 * connection) every `batchSize` rows. If anything fails on the way, the put fails too and nothing
 * is stored or recorded.
 */
async function storeCsv(
  db: TenantDb,
  started: StartedExport,
  source: CsvSource,
  file: FileSpec,
  options: { batchSize: number; timeZone: string },
): Promise<Produced> {
  const total = await db.read((t) => source.count(t));
  let written = 0;
  const progress = async (rows: number) => {
    written = rows;
    await reportProgress(db, started.exportId, rows, total);
  };
  const settings = { timeZone: options.timeZone };
  const body = canCopyCsv()
    ? pipeline(
        Readable.from(copyTenantCsv(db, source.read, settings)),
        crlfRecords(options.batchSize, progress),
        () => {},
      )
    : pipeline(Readable.from(batchedRows()), csvStream(source.header), () => {});
  async function* batchedRows(): AsyncGenerator<CsvRow> {
    for await (const batch of streamTenantRows(db, source.read, settings, options.batchSize)) {
      yield* batch;
      await progress(written + batch.length);
    }
  }
  // A failure on the reading side (a failing read, the progress finding the export stopped)
  // destroys the pipeline with its error, so the put rejects with that error.
  await storeAttachment(
    db,
    {
      id: started.attachmentId,
      ...file,
      purpose: 'export',
      createdBy: started.requestedBy,
      replacePrevious: true,
    },
    body,
  );
  return { attachmentId: started.attachmentId, rowCount: written };
}

/**
 * Produces the export's file and stores it (replacing the previous export of the same list or
 * patient). Throws ExportFailure with a user-facing reason when it cannot be made.
 */
export async function produceExport(
  db: TenantDb,
  clinic: JobClinic,
  started: StartedExport,
  options: ProduceOptions = {},
): Promise<Produced> {
  // A retry after the file was stored (but before the export was marked done) reuses it.
  const stored = await db.findById(fileAttachments, started.attachmentId);
  if (stored) {
    const row = await db.findById(exportJobs, started.exportId);
    return { attachmentId: stored.id, rowCount: row?.rowCount ?? 0 };
  }
  const request: ExportRequest | null = parseStoredRequest(started.kind, started.params);
  if (!request) throw new ExportFailure(UNSUPPORTED_REASON);
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? STREAM_BATCH_SIZE;
  const date = localDate(now, clinic.timezone);

  switch (request.kind) {
    case 'patients_csv':
      return storeCsv(
        db,
        started,
        patientsCsvSource(request.params),
        {
          entityType: 'patient_list',
          entityId: clinic.id,
          filename: `patients-${date}.csv`,
          contentType: 'text/csv; charset=utf-8',
        },
        { batchSize, timeZone: clinic.timezone },
      );
    case 'appointments_csv':
      return storeCsv(
        db,
        started,
        appointmentsCsvSource(request.params, clinic.timezone),
        {
          entityType: 'appointment_list',
          entityId: clinic.id,
          filename: `appointments-${request.params.from}-to-${request.params.to}.csv`,
          contentType: 'text/csv; charset=utf-8',
        },
        { batchSize, timeZone: clinic.timezone },
      );
    case 'patient_summary_pdf': {
      const { patientId } = request.params;
      const data = await db.transaction((t) => loadPatientSummary(t, patientId, now));
      if (!data) throw new ExportFailure(PATIENT_GONE_REASON);
      const listed = (n: number) => Math.min(n, SUMMARY_APPOINTMENTS);
      const count = listed(data.upcoming.length) + listed(data.past.length);
      await storeAttachment(
        db,
        {
          id: started.attachmentId,
          entityType: 'patient',
          entityId: patientId,
          purpose: 'export',
          filename: `patient-summary-${date}.pdf`,
          contentType: 'application/pdf',
          createdBy: started.requestedBy,
          replacePrevious: true,
        },
        renderPatientSummaryPdf(data, clinic, now),
      );
      return { attachmentId: started.attachmentId, rowCount: count };
    }
    case 'monthly_report': {
      // The scheduled report's counts and file (the same entity, so one replaces the other); a
      // month still running is reported so far (a later one is refused when requested).
      const { period } = request.params;
      const range = periodRange(period, clinic.timezone);
      const summary = await db.transaction((t) =>
        collectMonthlySummary(t, { period, timeZone: clinic.timezone }, range),
      );
      const { csv, rows } = await monthlySummaryCsv(summary);
      await storeAttachment(
        db,
        {
          id: started.attachmentId,
          entityType: MONTHLY_REPORT_ENTITY,
          entityId: period,
          purpose: 'report',
          filename: `monthly-report-${period}.csv`,
          contentType: 'text/csv; charset=utf-8',
          createdBy: started.requestedBy,
          replacePrevious: true,
        },
        csv,
      );
      return { attachmentId: started.attachmentId, rowCount: rows };
    }
  }
}

/** Marks the export done with its file and row count. */
export async function finishExport(
  db: TenantDb,
  exportId: string,
  produced: Produced,
): Promise<void> {
  await db.transaction((t) =>
    t.update(
      exportJobs,
      {
        status: 'done',
        progress: 100,
        rowCount: produced.rowCount,
        attachmentId: produced.attachmentId,
        failureReason: null,
        finishedAt: new Date(),
      },
      and(eq(exportJobs.id, exportId), ACTIVE),
    ),
  );
}
