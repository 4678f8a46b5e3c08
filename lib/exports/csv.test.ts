import fc from 'fast-check';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { csvStream, neutraliseCell } from './csv';

async function toCsv(rows: Record<string, unknown>[], header = ['a']): Promise<string> {
  const stream = csvStream(header);
  for (const row of rows) stream.write(row);
  stream.end();
  return text(stream);
}

/** A minimal RFC 4180 reader, to check what a spreadsheet would see in each cell. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted && c === '"' && csv[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && csv[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe('CSV formula neutralisation', () => {
  it.each([
    ['=HYPERLINK("http://evil.test","click")', `'=HYPERLINK("http://evil.test","click")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['Maria Garcia', 'Maria Garcia'],
    ['', ''],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('quotes per RFC 4180 and round-trips fixed cases', async () => {
    const csv = await toCsv([{ a: 'x,"y"\nz' }, { a: '=1+1' }]);
    expect(csv).toBe('a\r\n"x,""y""\nz"\r\n\'=1+1\r\n');
  });

  it('property: no cell a spreadsheet reads ever starts a formula, and text survives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string(), { minLength: 1, maxLength: 20 }), async (cells) => {
        const csv = await toCsv(cells.map((a) => ({ a })));
        const [header, ...rows] = parseCsv(csv);
        expect(header).toEqual(['a']);
        expect(rows).toHaveLength(cells.length);
        rows.forEach(([cell], i) => {
          expect(cell ?? '').not.toMatch(/^[=+\-@\t\r]/);
          const original = cells[i]!;
          expect(cell).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
        });
      }),
      { numRuns: 500 },
    );
  });
});
