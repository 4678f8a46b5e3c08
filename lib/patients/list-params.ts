/**
 * The patient list's URL state: keyset cursor, page size, sort and filters. The server parses
 * search params with `parsePatientListParams` (a bad value falls back to its default, never a
 * 500); the client table writes the same keys through nuqs.
 */
import { z } from 'zod';
import { MAX_PAGE_NUMBER, rowIdSchema } from '@/lib/pagination/cursor';
import { text } from '@/lib/validation/text';
import { PATIENT_SEXES } from './constants';
import { isRealDate } from './dates';

/** Sortable columns: an allow-list, each mapped to an index-backed ORDER BY in lib/data. */
export const PATIENT_SORTS = ['family', 'given', 'mrn', 'dob', 'created'] as const;
export type PatientSort = (typeof PATIENT_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const QUERY_MAX_LENGTH = 100;

export const LIST_DEFAULTS = {
  page: 1,
  size: 25 as PageSize,
  sort: 'family' as PatientSort,
  dir: 'asc' as SortDirection,
  q: '',
} as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const isoDate = text().refine(isRealDate);
export const QUERY_TOO_LONG_MESSAGE = `Search with at most ${QUERY_MAX_LENGTH} characters`;
const searchText = text().trim().max(QUERY_MAX_LENGTH, QUERY_TOO_LONG_MESSAGE);

const listParamsSchema = z.object({
  /** The page number shown; the cursor (after / before a row id) decides the rows. */
  page: z
    .preprocess(first, z.coerce.number().int().min(1).max(MAX_PAGE_NUMBER))
    .catch(LIST_DEFAULTS.page),
  after: z.preprocess(first, rowIdSchema.nullable()).catch(null),
  before: z.preprocess(first, rowIdSchema.nullable()).catch(null),
  size: z
    .preprocess(first, z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)))))
    .catch(LIST_DEFAULTS.size),
  sort: z.preprocess(first, z.enum(PATIENT_SORTS)).catch(LIST_DEFAULTS.sort),
  dir: z.preprocess(first, z.enum(SORT_DIRECTIONS)).catch(LIST_DEFAULTS.dir),
  sex: z.preprocess(first, z.enum(PATIENT_SEXES).nullable()).catch(null),
  dobFrom: z.preprocess(first, isoDate.nullable()).catch(null),
  dobTo: z.preprocess(first, isoDate.nullable()).catch(null),
});

export type PatientListParams = z.output<typeof listParamsSchema> & { q: string };

/**
 * Next's `searchParams` (or any record) to valid list parameters; never throws. A refused search
 * text (control characters, too long) is not silently dropped or cut: `qRefused` carries the
 * message to show.
 */
export function parsePatientListParams(
  raw: Record<string, string | string[] | undefined>,
): PatientListParams & { qRefused: string | null } {
  const q = searchText.safeParse(first(raw.q) ?? LIST_DEFAULTS.q);
  return {
    ...listParamsSchema.parse(raw),
    q: q.success ? q.data : LIST_DEFAULTS.q,
    qRefused: q.success ? null : (q.error.issues[0]?.message ?? null),
  };
}
