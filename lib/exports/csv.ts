import { stringify, type Stringifier } from 'csv-stringify';

/**
 * First characters that make spreadsheet software treat a cell as a formula (OWASP CSV injection).
 * Also the rule of the exports' SQL cells (lib/exports/csv-sources.ts textCell).
 */
export const FORMULA_FIRST_CHARACTERS = ['=', '+', '-', '@', '\t', '\r'] as const;
const FORMULA_FIRST = new Set<string>(FORMULA_FIRST_CHARACTERS);

/**
 * Neutralises a cell that a spreadsheet would evaluate, by prefixing a single quote. Quoting per
 * RFC 4180 is csv-stringify's job; this only defuses the content.
 */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_FIRST.has(text.charAt(0)) ? `'${text}` : text;
}

/**
 * A streaming CSV writer: rows go in, RFC 4180 text comes out, every cell neutralised. Memory use
 * does not grow with the number of rows.
 */
export function csvStream(header: readonly string[]): Stringifier {
  return stringify({
    header: true,
    columns: header.map((h) => ({ key: h, header: h })),
    quoted_match: /[",\r\n]/,
    record_delimiter: 'windows',
    cast: {
      string: neutraliseCell,
      number: (n) => String(n),
      boolean: (b) => (b ? 'true' : 'false'),
      date: (d) => d.toISOString(),
    },
  });
}
