import 'server-only';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { clinicMemberships, exportJobs, fileAttachments, patients, users } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import { exportRequested } from '@/inngest/events';
import { recordAudit, type AuditActor } from '@/lib/audit/record';
import type { ClinicContext } from '@/lib/auth/context';
import { localDate, todayIn } from '@/lib/appointments/time';
import { formatInstant } from '@/lib/dates/format';
import { ActionError, NotFoundError } from '@/lib/errors';
import { requestKeyOf, type ExportRequest } from '@/lib/exports/params';
import {
  EXPORT_KIND_LABELS,
  type ExportFileState,
  type ExportKindName,
  type ExportListItem,
  type ExportListResponse,
  type RequestExportResult,
} from '@/lib/exports/types';
import { dispatch } from '@/lib/jobs/dispatch';
import { FIRST_PAGE_STATE, type CursorState } from '@/lib/pagination/cursor';
import { SEX_LABELS } from '@/lib/patients/constants';
import { STATUS_LABELS } from '@/lib/appointments/schemas';
import { settingValues } from '@/lib/settings/resolve';
import { countUpTo, keysetOrder, LIST_COUNT_CAP, pageTotal, readKeysetPage } from './keyset';

type WriteCtx = Pick<ClinicContext, 'db' | 'user' | 'meta'>;

function actorOf(ctx: WriteCtx): AuditActor {
  return { userId: ctx.user.id, ip: ctx.meta.ip, requestId: ctx.meta.requestId };
}

/** The predicate of the partial unique index `exports_one_active_per_request`. */
const ACTIVE = sql`${exportJobs.status} in ('queued', 'running')`;

/**
 * An export still "active" this long after it started (or was queued) is taken for dead (a crashed
 * in-process run): it is marked failed so the same export can be requested again. The job stops
 * when it notices (lib/exports/run.ts checks the status with every progress update).
 */
export const STALE_EXPORT_MS = 2 * 60 * 60_000;
export const FUTURE_PERIOD_MESSAGE = 'That month has not started yet in the clinic’s timezone.';
export const STALE_EXPORT_REASON = 'The export stopped without finishing. Request it again.';

type ExportRow = typeof exportJobs.$inferSelect;

async function auditRequest(
  t: TenantScope,
  ctx: WriteCtx,
  request: ExportRequest,
  row: ExportRow,
  alreadyRunning: boolean,
): Promise<void> {
  await recordAudit(t, actorOf(ctx), {
    action: 'export.request',
    entityType: 'export',
    entityId: row.id,
    metadata: {
      kind: request.kind,
      alreadyRunning,
      ...(request.kind === 'patient_summary_pdf' ? { patientId: request.params.patientId } : {}),
    },
  });
}

async function findActive(t: TenantScope, requestKey: string): Promise<ExportRow | undefined> {
  const [row] = await t
    .from(exportJobs)
    .where(and(eq(exportJobs.requestKey, requestKey), ACTIVE))
    .limit(1);
  return row;
}

/** The export a request with this idempotency key already made, if any. */
async function findByIdempotencyKey(t: TenantScope, key: string): Promise<ExportRow | undefined> {
  const [row] = await t.from(exportJobs).where(eq(exportJobs.idempotencyKey, key)).limit(1);
  return row;
}

export interface RequestExportOptions {
  /** One per user intention (see lib/exports/params.ts): a repeat gets the export it made. */
  idempotencyKey?: string;
  now?: Date;
}

/**
 * Queues an export for the active clinic and starts its job. A request carrying an idempotency
 * key that was already used gets that key's export back, finished or not (a double click, a
 * resent request); otherwise, when the same export (same kind and canonical params) is already
 * queued or running, that one is returned and nothing new starts. The partial unique index
 * decides, so two simultaneous requests cannot both start one. A missing or foreign patient is NotFound (and
 * audited as a failed request). Audited as `export.request` with ids only.
 */
export async function requestExport(
  ctx: WriteCtx,
  request: ExportRequest,
  { idempotencyKey, now = new Date() }: RequestExportOptions = {},
): Promise<RequestExportResult> {
  const requestKey = requestKeyOf(request);
  const outcome = await ctx.db.transaction(async (t) => {
    if (request.kind === 'monthly_report') {
      const { timezone } = await settingValues(t);
      // YYYY-MM strings compare as months do.
      if (request.params.period > localDate(now, timezone).slice(0, 7)) {
        throw new ActionError(FUTURE_PERIOD_MESSAGE);
      }
    }
    if (request.kind === 'patient_summary_pdf') {
      const patient = await t.findById(patients, request.params.patientId);
      if (!patient) {
        await recordAudit(t, actorOf(ctx), {
          action: 'export.request',
          outcome: 'failure',
          entityType: 'patient',
          entityId: request.params.patientId,
          metadata: { kind: request.kind, reason: 'not_found' },
        });
        return null;
      }
    }
    // Three rounds cover every race: a conflicting row that finished (or went stale) between our
    // insert and our read frees the index for the next insert.
    // Stryker disable next-line UpdateOperator,EqualityOperator: the bound only stops a request that conflicts forever, which no interleaving does; no test can tell 3 rounds from 4 or none
    for (let round = 0; round < 3; round++) {
      // A repeat waits at the insert below for the first request to commit (same params, same
      // active-request index entry), then finds its export here.
      const repeated = idempotencyKey && (await findByIdempotencyKey(t, idempotencyKey));
      if (repeated) {
        await auditRequest(t, ctx, request, repeated, true);
        return { row: repeated, alreadyRunning: true };
      }
      // No conflict target: the conflict may be on the active-request index or, for the same key
      // with other params, on the idempotency-key index; both are settled by the reads below.
      const created = await t.insertIfAbsent(exportJobs, {
        kind: request.kind,
        params: request.params,
        requestKey,
        idempotencyKey,
        status: 'queued',
        requestedBy: ctx.user.id,
      });
      const existing = created ? undefined : await findActive(t, requestKey);
      if (existing) {
        const since = (existing.startedAt ?? existing.createdAt).getTime();
        if (now.getTime() - since >= STALE_EXPORT_MS) {
          await t.update(
            exportJobs,
            { status: 'failed', failureReason: STALE_EXPORT_REASON, finishedAt: now },
            and(eq(exportJobs.id, existing.id), ACTIVE),
          );
          continue;
        }
      }
      const row = created ?? existing;
      // A conflict with no active twin: the first request with this key committed while this one
      // waited (on the key's own index, its params may differ) or its twin just finished; the
      // next round returns the key's export, or inserts.
      if (!row) continue;
      await auditRequest(t, ctx, request, row, !created);
      return { row, alreadyRunning: !created };
    }
    // Stryker disable next-line StringLiteral: unreachable (see the bound above), the message is for a log
    throw new Error('Could not queue the export: the request kept conflicting');
  });
  if (!outcome) throw new NotFoundError('Patient not found');

  const { row, alreadyRunning } = outcome;
  if (!alreadyRunning) {
    try {
      await dispatch(exportRequested.create({ clinicId: ctx.db.clinicId, exportId: row.id }));
    } catch (err) {
      // Nothing will run it: say so on the row (which also frees the request for a retry).
      await ctx.db.transaction((t) =>
        t.update(
          exportJobs,
          {
            status: 'failed',
            failureReason: 'The export could not be started. Try again in a moment.',
            finishedAt: new Date(),
          },
          and(eq(exportJobs.id, row.id), ACTIVE),
        ),
      );
      throw err;
    }
  }
  return { exportId: row.id, status: row.status, alreadyRunning };
}

// ---------------------------------------------------------------------------------------------
// The exports page

export const EXPORTS_PAGE_SIZE = 25;

function describe(kind: string, params: Record<string, unknown>, mrns: Map<string, string>) {
  const str = (k: string) => (typeof params[k] === 'string' ? (params[k] as string) : null);
  switch (kind) {
    case 'patients_csv': {
      const parts: string[] = [];
      const q = str('q');
      parts.push(q ? `Search “${q}”` : 'All patients');
      const sex = str('sex');
      if (sex && Object.hasOwn(SEX_LABELS, sex))
        parts.push(SEX_LABELS[sex as keyof typeof SEX_LABELS]);
      const from = str('dobFrom');
      const to = str('dobTo');
      if (from || to) parts.push(`born ${from ?? '…'} – ${to ?? '…'}`);
      return parts.join(' · ');
    }
    case 'appointments_csv': {
      const status = str('status');
      const range = `${str('from') ?? '?'} – ${str('to') ?? '?'}`;
      return status && Object.hasOwn(STATUS_LABELS, status)
        ? `${range} · ${STATUS_LABELS[status as keyof typeof STATUS_LABELS]}`
        : range;
    }
    case 'patient_summary_pdf': {
      const mrn = mrns.get(str('patientId') ?? '');
      return mrn ?? 'Patient no longer on record';
    }
    default: {
      const period = str('period');
      return period ? `Period ${period}` : '';
    }
  }
}

function fileState(r: {
  attachmentId: string | null;
  filename: string | null;
  size: number | null;
  deletedAt: Date | null;
  replaced: boolean | null;
}): ExportFileState {
  if (!r.attachmentId || r.filename === null || r.size === null) return { state: 'none' };
  if (r.deletedAt) return { state: r.replaced ? 'replaced' : 'expired' };
  return { state: 'available', attachmentId: r.attachmentId, filename: r.filename, size: r.size };
}

/**
 * One page of the clinic's exports, newest first (keyset, from the index on (clinic_id,
 * created_at, id)), with who asked (by name; a former member shows as such), progress, and what
 * became of the file: available, replaced by a newer export of the same list or patient, or
 * expired (removed by retention).
 */
export async function listExports(
  ctx: Pick<ClinicContext, 'db'>,
  canDownload: boolean,
  cursor: CursorState = FIRST_PAGE_STATE,
): Promise<ExportListResponse> {
  return ctx.db.read(async (t) => {
    const { timezone, time_format } = await settingValues(t);
    const clock = { timeZone: timezone, timeFormat: time_format };
    const today = todayIn(timezone);
    const newer = alias(fileAttachments, 'newer');
    const order = keysetOrder(t, exportJobs, [sql`${exportJobs.createdAt}`], 'desc');
    const { rows, info } = await readKeysetPage(order, cursor, EXPORTS_PAGE_SIZE, (step) =>
      t
        .from(exportJobs, {
          id: exportJobs.id,
          kind: exportJobs.kind,
          params: exportJobs.params,
          status: exportJobs.status,
          progress: exportJobs.progress,
          rowCount: exportJobs.rowCount,
          failureReason: exportJobs.failureReason,
          createdAt: exportJobs.createdAt,
          requestedBy: exportJobs.requestedBy,
          requesterName: users.name,
          attachmentId: fileAttachments.id,
          filename: fileAttachments.filename,
          size: fileAttachments.size,
          deletedAt: fileAttachments.deletedAt,
          replaced: sql<boolean>`exists (${t
            .from(newer, { one: sql`1` })
            .where(
              and(
                eq(newer.entityType, fileAttachments.entityType),
                eq(newer.entityId, fileAttachments.entityId),
                eq(newer.purpose, fileAttachments.purpose),
                gt(newer.createdAt, fileAttachments.createdAt),
              ),
            )})`,
        })
        .leftJoin(
          fileAttachments,
          and(
            eq(fileAttachments.clinicId, exportJobs.clinicId),
            eq(fileAttachments.id, exportJobs.attachmentId),
          ),
        )
        // The requester's name only while they are a member of this clinic: through the clinic's
        // membership (filtered by the scope), not straight to `users`, which only row-level
        // security would narrow. A former member is "Former staff member".
        .leftJoin(
          clinicMemberships,
          and(
            eq(clinicMemberships.clinicId, exportJobs.clinicId),
            eq(clinicMemberships.userId, exportJobs.requestedBy),
          ),
        )
        .leftJoin(users, eq(users.id, clinicMemberships.userId))
        .where(step.past)
        .orderBy(step.order(exportJobs.createdAt), step.order(exportJobs.id))
        .limit(step.limit),
    );
    const { total, capped } = await pageTotal({ rows, info }, () =>
      countUpTo(t, exportJobs, undefined, LIST_COUNT_CAP, [...order.keys, order.id]),
    );

    const patientIds = rows
      .filter((r) => r.kind === 'patient_summary_pdf')
      .map((r) => r.params.patientId)
      .filter((id): id is string => typeof id === 'string' && UUID.test(id));
    const mrns = new Map<string, string>();
    if (patientIds.length > 0) {
      const found = await t
        .from(patients, { id: patients.id, mrn: patients.mrn })
        .where(inArray(patients.id, [...new Set(patientIds)]));
      for (const p of found) mrns.set(p.id, p.mrn);
    }

    const exports = rows.map((r): ExportListItem => ({
      id: r.id,
      kind: r.kind as ExportKindName,
      kindLabel: EXPORT_KIND_LABELS[r.kind as ExportKindName] ?? r.kind,
      description: describe(r.kind, r.params, mrns),
      requestedBy:
        r.requestedBy === null ? 'Scheduled' : (r.requesterName ?? 'Former staff member'),
      createdAt: r.createdAt.toISOString(),
      createdLabel: formatInstant(r.createdAt, clock, { today }),
      status: r.status,
      progress: r.status === 'done' ? 100 : Math.max(0, Math.min(100, r.progress)),
      rowCount: r.rowCount,
      failureReason: r.status === 'failed' ? (r.failureReason ?? 'The export failed.') : null,
      file: r.status === 'done' ? fileState(r) : { state: 'none' },
    }));
    return {
      exports,
      timeZone: timezone,
      canDownload,
      pager: info,
      pageSize: EXPORTS_PAGE_SIZE,
      total,
      totalCapped: capped,
    };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
