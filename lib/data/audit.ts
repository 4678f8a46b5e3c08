import 'server-only';
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { and, asc, eq, gt, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvents } from '@/db/schema';
import type { TenantScope } from '@/db/tenant';
import type { ClinicContext } from '@/lib/auth/context';
import { formatInstant } from '@/lib/dates/format';
import { SYSTEM_ACTOR_FILTER, type AuditPageSize, type AuditQuery } from '@/lib/audit/query';
import { settingValues } from '@/lib/settings/resolve';
import type { AuditEventDto } from '@/lib/audit/types';
import type { KeysetPageInfo } from '@/lib/pagination/cursor';
import { resolveAuditEntities } from './audit-entities';
import { countUpTo, keysetOrder, LIST_COUNT_CAP, pageTotal, readKeysetPage } from './keyset';
import { listMembersIn } from './members';

export interface AuditLogPage {
  rows: AuditEventDto[];
  /** Matching events, counted up to the cap (LIST_COUNT_CAP). */
  total: number;
  /** True when more events than the cap match (total is then the cap). */
  totalCapped: boolean;
  /** The page shown and its neighbours (keyset cursors). */
  pager: KeysetPageInfo;
  pageSize: AuditPageSize;
  timezone: string;
  /** For the actor filter: the clinic's members. */
  actors: { id: string; name: string }[];
  /** For the action filter: every action this clinic's log holds. */
  actions: string[];
}

/** More than any real catalogue of actions; a safety bound on the loop below. */
const MAX_DISTINCT_ACTIONS = 200;

/**
 * The distinct actions of the scope's clinic, by a loose index scan on
 * (clinic_id, action, occurred_at): one index probe per distinct action instead of reading every
 * event, which keeps the filter cheap however long the log grows.
 */
async function distinctActions(t: TenantScope): Promise<string[]> {
  const actions: string[] = [];
  let last: string | undefined;
  while (actions.length < MAX_DISTINCT_ACTIONS) {
    const [row] = await t
      .from(auditEvents, { action: auditEvents.action })
      .where(last === undefined ? undefined : gt(auditEvents.action, last))
      .orderBy(asc(auditEvents.action))
      .limit(1);
    if (!row) break;
    actions.push(row.action);
    last = row.action;
  }
  return actions;
}

/** Midnight at the start of a yyyy-mm-dd day in `timezone`. */
function startOfDayIn(day: string, timezone: string): TZDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, timezone);
}

/** The filters as SQL. Every condition is an equality or range the audit indexes can answer. */
function auditFilters(query: AuditQuery, timezone: string): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.actor === SYSTEM_ACTOR_FILTER) conditions.push(isNull(auditEvents.actorUserId));
  else if (query.actor) conditions.push(eq(auditEvents.actorUserId, query.actor));
  if (query.action) conditions.push(eq(auditEvents.action, query.action));
  if (query.from) {
    const start = startOfDayIn(query.from, timezone);
    conditions.push(gte(auditEvents.occurredAt, new Date(start.getTime())));
  }
  if (query.to) {
    // The whole of the last day: up to (not including) the next midnight there, DST included.
    const end = addDays(startOfDayIn(query.to, timezone), 1);
    conditions.push(lt(auditEvents.occurredAt, new Date(end.getTime())));
  }
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/**
 * One page of the active clinic's audit log, newest first, with the total and the filter options,
 * all in one tenant transaction. Dates in the query are days in the clinic's timezone. Keyset
 * pages, read backwards from (clinic_id[, actor | action], occurred_at, id) from the cursor on;
 * the log only grows (retention never touches it), so its total is counted up to the cap.
 */
export async function listAuditEvents(
  ctx: Pick<ClinicContext, 'db'>,
  query: AuditQuery,
  { countCap = LIST_COUNT_CAP }: { countCap?: number } = {},
): Promise<AuditLogPage> {
  return ctx.db.read(async (t) => {
    const { timezone, time_format } = await settingValues(t);
    const clock = { timeZone: timezone, timeFormat: time_format };
    const members = await listMembersIn(t, timezone);
    const actions = await distinctActions(t);
    const where = auditFilters(query, timezone);
    const order = keysetOrder(t, auditEvents, [sql`${auditEvents.occurredAt}`], 'desc');
    const { rows, info } = await readKeysetPage(
      order,
      query,
      query.pageSize,
      ({ past, order: direction, limit }) =>
        t
          .from(auditEvents)
          .where(and(where, past))
          .orderBy(direction(auditEvents.occurredAt), direction(auditEvents.id))
          .limit(limit),
    );
    const { total, capped } = await pageTotal({ rows, info }, () =>
      countUpTo(t, auditEvents, where, countCap, [...order.keys, order.id]),
    );
    const byUser = new Map(members.map((m) => [m.userId, m]));
    const entityOf = await resolveAuditEntities(t, rows, members, timezone);
    return {
      rows: rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurredAt.toISOString(),
        occurredAtLabel: formatInstant(r.occurredAt, clock, { seconds: true }),
        actorUserId: r.actorUserId,
        // A user who has left the clinic is no longer readable by the tenant role.
        actorName: r.actorUserId ? (byUser.get(r.actorUserId)?.name ?? 'Former member') : 'System',
        actorEmail: (r.actorUserId && byUser.get(r.actorUserId)?.email) || null,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        entity: entityOf(r),
        outcome: r.outcome,
        requestId: r.requestId,
      })),
      total,
      totalCapped: capped,
      pager: info,
      pageSize: query.pageSize,
      timezone,
      actors: members.map((m) => ({ id: m.userId, name: m.name })),
      actions,
    };
  });
}
