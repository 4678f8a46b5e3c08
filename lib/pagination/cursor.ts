/**
 * Keyset cursors in the URL, shared by the server pages (which read them) and the client tables
 * (which write them). A cursor names the row a page starts after (`after`, the Next link) or ends
 * before (`before`, the Previous link) by that row's id, and nothing else:
 * - opaque: no names, dates of birth or times in URLs, which end up in logs and Referer headers;
 * - tamper-safe: the server re-reads the row's sort keys through the tenant scope, so an edited id
 *   is at most another position in the same clinic's list, and an unknown or other clinic's id
 *   matches no row and the list starts again at its first page, like any other bad parameter.
 * `page` is only the number shown ("26–50"): the cursor, not the number, decides the rows.
 */
import { z } from 'zod';
import { createLoader, createParser, createSerializer, parseAsInteger } from 'nuqs/server';

/** Deep pages cost what the first costs, but the number shown stays a sane integer. */
export const MAX_PAGE_NUMBER = 1_000_000;

export type PageCursor = { after: string } | { before: string };

/** Ids are uuids; anything else is no cursor (and never reaches a uuid cast in SQL). */
export const rowIdSchema = z.guid().transform((id) => id.toLowerCase());

export const parseAsRowId = createParser<string>({
  parse: (value) => {
    const id = rowIdSchema.safeParse(value);
    return id.success ? id.data : null;
  },
  serialize: (value) => value,
});

/** The URL keys of a keyset-paged list: nuqs parsers for both sides. */
export const cursorSearchParams = {
  after: parseAsRowId,
  before: parseAsRowId,
  page: parseAsInteger.withDefault(1),
};

/** For a list whose only URL state is its cursor (the exports page and its polling route). */
export const loadCursorSearchParams = createLoader(cursorSearchParams);
export const serializeCursorSearchParams = createSerializer(cursorSearchParams);

export interface CursorState {
  cursor: PageCursor | null;
  /** The page number to show: 1 without a cursor. */
  page: number;
}

export const FIRST_PAGE_STATE: CursorState = { cursor: null, page: 1 };

/** Raw (parsed) URL values to a cursor; both directions at once, or a bad id, is none. */
export function cursorState(raw: {
  after?: string | null;
  before?: string | null;
  page?: number | null;
}): CursorState {
  const after = raw.after ? parseAsRowId.parse(raw.after) : null;
  const before = raw.before ? parseAsRowId.parse(raw.before) : null;
  const cursor = after && !before ? { after } : before && !after ? { before } : null;
  const page =
    cursor && typeof raw.page === 'number' && Number.isSafeInteger(raw.page) && raw.page > 1
      ? Math.min(raw.page, MAX_PAGE_NUMBER)
      : 1;
  return { cursor, page: cursor ? Math.max(page, 2) : 1 };
}

/** URL values that start a list again at its first page: after sorting, filtering, resizing. */
export const FIRST_PAGE = { page: null, after: null, before: null } as const;

/** What a page of a keyset-paged list tells its pager. */
export interface KeysetPageInfo {
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** Ids of the first and last rows shown: the Previous and Next cursors. */
  firstId: string | null;
  lastId: string | null;
}

/** URL values for the page before or after `info`, or the first page. */
export function cursorParams(
  info: KeysetPageInfo,
  to: 'first' | 'previous' | 'next',
): { after: string | null; before: string | null; page: number | null } {
  if (to === 'next' && info.lastId)
    return { after: info.lastId, before: null, page: info.page + 1 };
  // Back to page 1 is the first page itself, so rows added meanwhile show up there.
  if (to === 'previous' && info.firstId && info.page > 2)
    return { after: null, before: info.firstId, page: info.page - 1 };
  return { after: null, before: null, page: null };
}
