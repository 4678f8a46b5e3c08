import { stringify, type Stringifier } from 'csv-stringify';

/** Characters that make spreadsheet software treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a cell that a spreadsheet would evaluate, by prefixing a single quote. Quoting per
 * RFC 4180 is csv-stringify's job; this only defuses the content.
 */
export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
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
