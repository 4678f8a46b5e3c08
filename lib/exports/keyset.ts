import { asc, desc, sql, type SQL } from 'drizzle-orm';

/**
 * One part of a keyset (seek) order: the value sorted on, and how a cursor value read back as
 * text becomes that type again. Cursors travel as text so that nothing is rounded on the way
 * (a timestamptz has microseconds; a JS Date only milliseconds).
 */
export interface KeyPart {
  value: SQL;
  fromText: (text: string) => SQL;
}

export const textKey = (value: SQL): KeyPart => ({ value, fromText: (v) => sql`${v}::text` });
export const uuidKey = (value: SQL): KeyPart => ({ value, fromText: (v) => sql`${v}::uuid` });
export const dateKey = (value: SQL): KeyPart => ({ value, fromText: (v) => sql`${v}::date` });
export const timestampKey = (value: SQL): KeyPart => ({
  value,
  fromText: (v) => sql`${v}::timestamptz`,
});

export interface Keyset {
  parts: KeyPart[];
  dir: 'asc' | 'desc';
}

/** The select columns that carry the cursor: `k0`, `k1`, … as text. */
export function cursorColumns(keyset: Keyset): Record<string, SQL.Aliased<string>> {
  return Object.fromEntries(
    keyset.parts.map((p, i) => [`k${i}`, sql<string>`(${p.value})::text`.as(`k${i}`)]),
  );
}

/** ORDER BY every part, in the keyset's direction (the last part must be unique, e.g. the id). */
export function keysetOrder(keyset: Keyset): SQL[] {
  const direction = keyset.dir === 'desc' ? desc : asc;
  return keyset.parts.map((p) => direction(p.value));
}

/**
 * Rows after the cursor: `(k0, k1, …) > (c0, c1, …)` (or `<` descending), one row comparison
 * that Postgres can answer from an index on the same columns.
 */
export function afterCursor(keyset: Keyset, cursor: readonly string[] | null): SQL | undefined {
  if (!cursor) return undefined;
  const left = sql.join(
    keyset.parts.map((p) => p.value),
    sql`, `,
  );
  const right = sql.join(
    keyset.parts.map((p, i) => p.fromText(cursor[i] ?? '')),
    sql`, `,
  );
  return keyset.dir === 'desc' ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
}

/** The cursor of the last row of a batch. */
export function cursorOf(keyset: Keyset, row: Record<string, unknown>): string[] {
  return keyset.parts.map((_, i) => String(row[`k${i}`]));
}
