import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { UTFile, type UTApi } from 'uploadthing/server';
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
 * Private files on UploadThing (UTApi). UploadThing takes whole files, so an upload is buffered in
 * memory here; the local driver streams.
 */
export function uploadThingDriver(
  api: UploadThingApi,
  fetchImpl: typeof fetch = fetch,
): StorageDriver {
  const byCustomId = { keyType: 'customId' } as const;
  return {
    name: 'uploadthing',
    async put(key, body, contentType) {
      const bytes = Buffer.isBuffer(body) ? body : await buffer(body);
      const customId = uploadThingId(key);
      // Replace semantics: a previous object with this id would make the upload fail.
      await api.deleteFiles(customId, byCustomId);
      const file = new UTFile([new Uint8Array(bytes)], key.split('/').pop() ?? 'file', {
        type: contentType,
        customId,
      });
      const result = await api.uploadFiles(file, { acl: 'private' });
      if (result.error) throw new Error(`UploadThing upload failed: ${result.error.message}`);
      return { size: bytes.length };
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
