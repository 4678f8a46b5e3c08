import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';

export interface UploadedFile {
  /** The name the browser sent (untrusted: display only, never a path). */
  filename: string;
  /** The file's bytes as they arrive; must be consumed (or resumed) for the request to finish. */
  body: Readable;
}

/**
 * The file in form field `field` of a multipart request, as a stream as soon as its part starts
 * (busboy parses the body as it arrives: the file is never buffered whole); null when the body is
 * not multipart or has no such part. Other parts are drained and ignored.
 */
export function uploadedFile(req: Request, field: string): Promise<UploadedFile | null> {
  const source = req.body;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': req.headers.get('content-type') ?? '' },
      limits: { files: 1 },
      // Browsers send a non-ASCII file name as raw UTF-8 (busboy's default would read latin1).
      defParamCharset: 'utf8',
    });
  } catch {
    return Promise.resolve(null); // not multipart/form-data at all
  }
  if (!source) return Promise.resolve(null);
  return new Promise((resolve) => {
    let found = false;
    parser.on('file', (name, stream, info) => {
      if (found || name !== field) return stream.resume();
      found = true;
      // From here on a broken body reaches the consumer as this stream's error.
      resolve({ filename: info.filename ?? '', body: stream });
    });
    const none = () => {
      if (!found) resolve(null);
    };
    parser.on('close', none);
    parser.on('error', none);
    Readable.fromWeb(source as WebReadableStream<Uint8Array>).pipe(parser);
  });
}
