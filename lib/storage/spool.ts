import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes `body` to `file` as it arrives (a stream is never held whole in memory) and answers the
 * number of bytes written. If the body or the write fails, what was written is removed and the
 * error rethrown: no partial file stays behind.
 */
export async function spoolTo(file: string, body: Readable | Buffer): Promise<number> {
  let size = 0;
  try {
    await pipeline(
      Buffer.isBuffer(body) ? Readable.from([body]) : body,
      async function* count(chunks: AsyncIterable<Buffer | string>) {
        for await (const chunk of chunks) {
          size += Buffer.byteLength(chunk);
          yield chunk;
        }
      },
      fs.createWriteStream(file),
    );
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return size;
}
