import { Transform } from 'node:stream';

/** A stream went past its byte limit (the bytes beyond it were never passed on). */
export class TooLargeError extends Error {
  readonly name = 'TooLargeError';
  constructor(readonly limit: number) {
    super(`More than ${limit} bytes`);
  }
}

/**
 * Passes bytes through while counting them (`bytes`), and fails with TooLargeError as soon as
 * more than `limit` have come: a streamed upload is refused at the limit, not after it was read
 * whole.
 */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(private readonly limit: number) {
    super();
  }

  /**
   * Whether the limit was passed. Ask this rather than for the TooLargeError: streams further
   * down the chain may report their own premature close instead.
   */
  get exceeded(): boolean {
    return this.bytes > this.limit;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (err?: Error) => void) {
    this.bytes += chunk.length;
    if (this.exceeded) return done(new TooLargeError(this.limit));
    this.push(chunk);
    done();
  }
}
