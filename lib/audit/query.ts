/**
 * The audit log's URL state: keyset cursor, page size and filters, parsed the same way by the
 * page (server) and the filter bar (client, nuqs). Parsers fall back to defaults on anything
 * malformed, and `normaliseAuditQuery` then validates what is left, so a hand-edited URL never
 * becomes a 500.
 */
import { createLoader, createSerializer, parseAsNumberLiteral, parseAsString } from 'nuqs/server';
import { cursorSearchParams, cursorState, type CursorState } from '@/lib/pagination/cursor';

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;
export type AuditPageSize = (typeof AUDIT_PAGE_SIZES)[number];

/** The actor filter value for events without a user (jobs, anonymous attempts). */
export const SYSTEM_ACTOR_FILTER = 'system';

export const auditSearchParams = {
  ...cursorSearchParams,
  size: parseAsNumberLiteral(AUDIT_PAGE_SIZES).withDefault(25),
  actor: parseAsString.withDefault(''),
  action: parseAsString.withDefault(''),
  /** yyyy-mm-dd, a day in the clinic's timezone (inclusive). */
  from: parseAsString.withDefault(''),
  /** yyyy-mm-dd, a day in the clinic's timezone (inclusive). */
  to: parseAsString.withDefault(''),
};

export const loadAuditSearchParams = createLoader(auditSearchParams);
export const serializeAuditSearchParams = createSerializer(auditSearchParams);

export interface AuditQuery extends CursorState {
  pageSize: AuditPageSize;
  /** A user id, SYSTEM_ACTOR_FILTER, or null for everyone. */
  actor: string | null;
  action: string | null;
  from: string | null;
  to: string | null;
}

export const DEFAULT_AUDIT_QUERY: AuditQuery = {
  cursor: null,
  page: 1,
  pageSize: 25,
  actor: null,
  action: null,
  from: null,
  to: null,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTION = /^[a-z0-9_.:-]{1,100}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written as yyyy-mm-dd (so 2026-02-30 is refused), or null. */
export function parseDay(value: string | null | undefined): string | null {
  const m = value ? DAY.exec(value) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const real =
    date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real && y >= 1970 && y <= 9999 ? value! : null;
}

/** Raw (parsed) search params to a valid query; each malformed part falls back to its default. */
export function normaliseAuditQuery(
  raw: Partial<Record<keyof typeof auditSearchParams, unknown>>,
): AuditQuery {
  const pageSize = AUDIT_PAGE_SIZES.includes(raw.size as AuditPageSize)
    ? (raw.size as AuditPageSize)
    : 25;
  const actor =
    typeof raw.actor === 'string' && (raw.actor === SYSTEM_ACTOR_FILTER || UUID.test(raw.actor))
      ? raw.actor.toLowerCase()
      : null;
  const action = typeof raw.action === 'string' && ACTION.test(raw.action) ? raw.action : null;
  let from = parseDay(typeof raw.from === 'string' ? raw.from : null);
  let to = parseDay(typeof raw.to === 'string' ? raw.to : null);
  // A reversed range is read as the range the user meant.
  if (from && to && from > to) [from, to] = [to, from];
  return {
    ...cursorState({
      after: typeof raw.after === 'string' ? raw.after : null,
      before: typeof raw.before === 'string' ? raw.before : null,
      page: typeof raw.page === 'number' ? raw.page : null,
    }),
    pageSize,
    actor,
    action,
    from,
    to,
  };
}
