import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { UTFile, type UTApi } from 'uploadthing/server';
import { spoolTo } from './spool';
import { StoredFileMissingError, type StorageDriver } from './types';

/** The slice of UTApi the driver uses; tests pass a stand-in with the same shape. */
export type UploadThingApi = Pick<
  UTApi,
  'uploadFiles' | 'getSignedURL' | 'deleteFiles' | 'getFileUrls'
>;

/**
 * UploadThing custom ids are limited to 128 characters, so the storage key is hashed into one:
 * deterministic (the same key always finds the same object) and never colliding in practice.
 */
export function uploadThingId(key: string): string {
  return `k_${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * Private files on UploadThing (UTApi). UploadThing signs every upload with the file's size, so a
 * streamed body (an export whose length is known only at its end) is first spooled to a temporary
 * file in `spoolDir`, then uploaded from a file-backed Blob (`fs.openAsBlob`), which the upload
 * reads as a stream: neither step holds the file in memory. A body that fails on the way uploads
 * nothing and leaves the previous object as it was.
 */
export function uploadThingDriver(
  api: UploadThingApi,
  fetchImpl: typeof fetch = fetch,
  spoolDir: string = os.tmpdir(),
): StorageDriver {
  const byCustomId = { keyType: 'customId' } as const;
  async function upload(key: string, bytes: Blob, contentType: string): Promise<void> {
    const customId = uploadThingId(key);
    // Replace semantics: a previous object with this id would make the upload fail.
    await api.deleteFiles(customId, byCustomId);
    const file = new UTFile([bytes], key.split('/').pop() ?? 'file', {
      type: contentType,
      customId,
    });
    const result = await api.uploadFiles(file, { acl: 'private' });
    if (result.error) throw new Error(`UploadThing upload failed: ${result.error.message}`);
  }
  return {
    name: 'uploadthing',
    async put(key, body, contentType) {
      if (Buffer.isBuffer(body)) {
        await upload(key, new Blob([new Uint8Array(body)]), contentType);
        return { size: body.length };
      }
      const spool = path.join(spoolDir, `uploadthing-${randomUUID()}.part`);
      try {
        const size = await spoolTo(spool, body);
        await upload(key, await fs.openAsBlob(spool), contentType);
        return { size };
      } finally {
        await fs.promises.rm(spool, { force: true });
      }
    },
    async get(key) {
      const { ufsUrl } = await api
        .getSignedURL(uploadThingId(key), { ...byCustomId, expiresIn: 60 })
        .catch(() => {
          throw new StoredFileMissingError(key);
        });
      const response = await fetchImpl(ufsUrl);
      if (response.status === 404) throw new StoredFileMissingError(key);
      if (!response.ok || !response.body) {
        throw new Error(`UploadThing download failed: HTTP ${response.status}`);
      }
      return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
    },
    async delete(key) {
      await api.deleteFiles(uploadThingId(key), byCustomId);
    },
    async exists(key) {
      const { data } = await api.getFileUrls(uploadThingId(key), byCustomId).catch(() => ({
        data: [],
      }));
      return data.length > 0;
    },
  };
}
