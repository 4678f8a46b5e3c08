import 'server-only';
import { asc, count, desc, sql, type SQL } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { TenantScope } from '@/db/tenant';
import type { TenantTable } from '@/db/scoped-select';
import type { CursorState, KeysetPageInfo, PageCursor } from '@/lib/pagination/cursor';

/**
 * Keyset ("seek") paging: a page is the `size` rows past the cursor's row in the list's order,
 * read from an index whose order is the sort keys' (clinic_id first), so page 200 costs what
 * page 1 costs. OFFSET would read and throw away every row before the page.
 */
export interface KeysetOrder {
  /** The sort keys, all sorted the same way; the id is appended to break ties. */
  keys: SQL[];
  id: SQL;
  dir: 'asc' | 'desc';
  /**
   * The same keys of the cursor's row, read through the tenant scope (keysetOrder): another
   * clinic's or a missing row gives NULLs, which compare with nothing, and no row is past them.
   */
  keysOf: (id: string) => SQL[];
}

/** One read of a page: rows past `past`, ordered by `order` on every key, at most `limit`. */
export interface KeysetStep {
  past: SQL | undefined;
  order: typeof asc;
  limit: number;
}

/**
 * `table` sorted by `keys`, then its id. The cursor row's keys are scalar subqueries through the
 * tenant scope: Postgres runs each once (an InitPlan) and compares the index with their values; a
 * row comparison against one multi-column subquery would instead be re-evaluated on every row,
 * which no index can answer.
 */
export function keysetOrder(
  t: TenantScope,
  table: TenantTable,
  keys: SQL[],
  dir: 'asc' | 'desc',
): KeysetOrder {
  return {
    keys,
    id: sql`${table.id}`,
    dir,
    keysOf: (id) =>
      keys.map(
        (key) =>
          sql`(${t.from(table, { key: sql`${key}` }).where(sql`${table.id} = ${id}::uuid`)})`,
      ),
  };
}

function step(order: KeysetOrder, id: string | null, backwards: boolean, limit: number) {
  const ascending = (order.dir === 'asc') !== backwards;
  const past =
    id === null
      ? undefined
      : sql`(${sql.join([...order.keys, order.id], sql`, `)}) ${ascending ? sql`>` : sql`<`} (${sql.join([...order.keysOf(id), sql`${id}::uuid`], sql`, `)})`;
  return { past, order: ascending ? asc : desc, limit };
}

const idOf = (cursor: PageCursor) => ('after' in cursor ? cursor.after : cursor.before);

/**
 * One page by keyset. Reads one row more than `size` to learn whether there is a further page in
 * the reading direction. A cursor that leads to no row (an unknown or foreign id, or a row since
 * deleted at the very end) shows the first page, as any bad URL parameter does.
 */
export async function readKeysetPage<R extends { id: string }>(
  order: KeysetOrder,
  { cursor, page }: CursorState,
  size: number,
  read: (step: KeysetStep) => Promise<R[]>,
): Promise<{ rows: R[]; info: KeysetPageInfo }> {
  const info = (rows: R[], p: number, hasPrevious: boolean, hasNext: boolean) => ({
    rows,
    info: {
      page: hasPrevious ? Math.max(p, 2) : 1,
      hasPrevious,
      hasNext,
      firstId: rows[0]?.id ?? null,
      lastId: rows.at(-1)?.id ?? null,
    },
  });
  if (cursor) {
    const backwards = 'before' in cursor;
    const rows = await read(step(order, idOf(cursor), backwards, size + 1));
    const more = rows.length > size;
    const shown = rows.slice(0, size);
    if (!backwards && rows.length > 0) return info(shown, page, true, more);
    if (backwards && more) return info(shown.reverse(), page, true, true);
    // The cursor led nowhere, or reading back reached the start: either way the first page,
    // read forwards so that it is full.
  }
  const rows = await read(step(order, null, false, size + 1));
  return info(rows.slice(0, size), 1, false, rows.length > size);
}

/**
 * Matching rows counted up to one past `cap`: a list's total never reads more than that, however
 * large the clinic. Past the cap the pager says "of 1,000+".
 *
 * `inOrder` (the keys of the clinic-led index holding the filter) makes Postgres read the matches
 * from that index: without an order, a LIMIT invites a sequential scan that expects matches to be
 * spread evenly and instead walks through other clinics' rows first (65 ms for 1,001 audit events
 * of a 20,000-event clinic, against the index's 1,001 entries). A filter that several indexes hold
 * apart (the patient list's search text) is counted by countAnyUpTo.
 */
export async function countUpTo(
  t: TenantScope,
  table: TenantTable,
  where: SQL | undefined,
  cap: number,
  inOrder: SQL[] = [],
): Promise<{ total: number; capped: boolean }> {
  return countAnyUpTo(t, table, [{ where, inOrder }], cap);
}

/**
 * Rows matching any of `reads` counted up to one past `cap`, each read from its own index (its
 * `inOrder`, as in countUpTo) and stopped at cap + 1. The union of those holds more than `cap`
 * rows exactly when the rows matching any of them do: a read cut off at cap + 1 alone holds that
 * many, and otherwise every read holds all its rows.
 */
export async function countAnyUpTo(
  t: TenantScope,
  table: TenantTable,
  reads: { where: SQL | undefined; inOrder: SQL[] }[],
  cap: number,
): Promise<{ total: number; capped: boolean }> {
  const [head, second, ...rest] = reads.map(({ where, inOrder }) =>
    t
      .from(table, { id: sql`${table.id}`.as('id') })
      .where(where)
      .orderBy(...inOrder)
      .limit(cap + 1),
  );
  const matching = (second ? union(head!, second, ...rest).limit(cap + 1) : head!).as('matching');
  const [row] = await t.from(matching, { n: count() });
  return capAt(row?.n ?? 0, cap);
}

/** A list's total: a page that holds the whole list tells it; otherwise `count` does. */
export async function pageTotal(
  page: { rows: unknown[]; info: KeysetPageInfo },
  count: () => Promise<{ total: number; capped: boolean }>,
): Promise<{ total: number; capped: boolean }> {
  const whole = !page.info.hasPrevious && !page.info.hasNext;
  return whole ? { total: page.rows.length, capped: false } : count();
}

/** A count as a list shows it: past the cap, the cap and "+" (the same on every page). */
export function capAt(n: number, cap: number): { total: number; capped: boolean } {
  return { total: Math.min(n, cap), capped: n > cap };
}

/** Where lists stop counting (see countUpTo). */
export const LIST_COUNT_CAP = 1_000;
