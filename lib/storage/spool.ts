import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Writes `body` to `file` as it arrives (a stream is never held whole in memory) and answers the
 * number of bytes written. If the body or the write fails, what was written is removed and the
 * error rethrown: no partial file stays behind.
 */
export async function spoolTo(file: string, body: Readable | Buffer): Promise<number> {
  // Opened before the body flows, not lazily by the write stream: a body that fails at once
  // rejects the pipeline while a lazy open may still be under way, and that open would then
  // create the file after the clean-up below had run (seen in CI as a left-over `.part`).
  const handle = await fs.promises.open(file, 'w');
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
      handle.createWriteStream(),
    );
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return size;
}
