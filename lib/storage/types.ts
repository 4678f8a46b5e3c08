import type { Readable } from 'node:stream';

/** Where file bytes live. Keys are built on the server only (lib/storage/keys.ts). */
export interface StorageDriver {
  readonly name: 'local' | 'uploadthing';
  /**
   * Stores the bytes under `key`, replacing any previous object; returns the stored size. A
   * stream is consumed as it arrives (the streaming put: exports and uploads never hold the whole
   * file in memory). If the stream fails, the put rejects, nothing is stored under `key` and a
   * previous object stays as it was.
   */
  put(key: string, body: Readable | Buffer, contentType: string): Promise<{ size: number }>;
  /** A stream of the stored bytes; StoredFileMissingError when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object. Removing a missing object is not an error (purges can be retried). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class StoredFileMissingError extends Error {
  readonly name = 'StoredFileMissingError';
  constructor(key: string) {
    super(`No stored file for key ${key}`);
  }
}
