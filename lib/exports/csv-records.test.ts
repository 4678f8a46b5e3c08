import fc from 'fast-check';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { crlfRecords } from './csv-records';

/** CSV as COPY writes it (LF after each record) or as the files have it (CRLF). */
function csv(rows: string[][], recordDelimiter: 'unix' | 'windows'): string {
  return stringify(rows, { record_delimiter: recordDelimiter, quoted_match: /[",\r\n]/ });
}

/** `input` cut at `cuts`, through crlfRecords; the text and every count it reported. */
async function throughRecords(input: Buffer, cuts: number[], every: number) {
  const bounds = [...new Set([0, ...cuts.map((c) => c % (input.length + 1)), input.length])].sort(
    (x, y) => x - y,
  );
  const chunks = bounds.slice(1).map((end, i) => input.subarray(bounds[i], end));
  const reported: number[] = [];
  const output = await text(
    Readable.from(chunks).pipe(
      crlfRecords(every, async (count) => {
        reported.push(count);
      }),
    ),
  );
  return { output, reported };
}

const cell = fc.string({ unit: fc.constantFrom('a', 'é', '😀', ',', '"', '\n', '\r', ' ') });

describe('crlfRecords', () => {
  it('ends every record with CRLF and leaves line breaks inside values alone, however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (rows, cuts) => {
          const { output } = await throughRecords(Buffer.from(csv(rows, 'unix')), cuts, 1000);
          expect(output).toBe(csv(rows, 'windows'));
        },
      ),
    );
  });

  it('reports the records after the header every `every` of them, and the total at the end', async () => {
    const rows = [['h'], ...Array.from({ length: 7 }, (_, i) => [`line\n${i}`])];
    const input = Buffer.from(csv(rows, 'unix'));
    // One byte at a time: a report after the 3rd and the 6th record, then the total.
    const oneByOne = Array.from({ length: input.length }, (_, i) => i);
    expect((await throughRecords(input, oneByOne, 3)).reported).toEqual([3, 6, 7]);
    // All at once: one report past 3, then the total.
    expect((await throughRecords(input, [], 3)).reported).toEqual([7, 7]);
    // A header alone is no record.
    expect((await throughRecords(Buffer.from('h\n'), [], 3)).reported).toEqual([0]);
  });

  it('fails the stream with the report’s error when a report fails', async () => {
    const input = Buffer.from(csv([['h'], ['a'], ['b'], ['c']], 'unix'));
    const stopped = new Error('The export was stopped before it finished');
    const stream = Readable.from([input.subarray(0, 4), input.subarray(4)]).pipe(
      crlfRecords(1, async (count) => {
        if (count >= 1) throw stopped;
      }),
    );
    await expect(text(stream)).rejects.toBe(stopped);
  });
});
