import { Transform } from 'node:stream';

const QUOTE = 0x22;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');

/**
 * Postgres's COPY ends each CSV record with LF; the exports have always ended them with CRLF
 * (RFC 4180, what spreadsheets expect). A record ends at an LF outside quotes, while an LF inside
 * quotes is part of a value and stays. Quote parity tells them apart: a quote inside a value is
 * doubled, so every quote byte toggles "inside", and no byte of a multi-byte UTF-8 character is a
 * quote or an LF. (csv-parse could tell the same, but only by building every value as a string:
 * the per-row cost COPY exists to avoid.)
 *
 * It also counts the records after the header, and every `every` of them awaits `onRecords`
 * (the export's progress), once more at the end with the total: the bytes wait meanwhile, and a
 * rejection fails the stream.
 */
export function crlfRecords(every: number, onRecords: (count: number) => Promise<void>): Transform {
  let quoted = false;
  let records = -1; // the header is the first record
  let reported = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const parts: Buffer[] = [];
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) quoted = !quoted;
        else if (byte === LF && !quoted) {
          parts.push(chunk.subarray(start, i), CRLF);
          start = i + 1;
          records++;
        }
      }
      parts.push(chunk.subarray(start));
      this.push(Buffer.concat(parts));
      if (records - reported < every) return done();
      reported = records;
      onRecords(records).then(() => done(), done);
    },
    flush(done) {
      onRecords(Math.max(records, 0)).then(() => done(), done);
    },
  });
}
