import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { spoolTo } from './spool';
import { StoredFileMissingError, type StorageDriver } from './types';

/** Files on the local disk under one root directory (the default driver). */
export function localDriver(rootDir: string): StorageDriver {
  const root = path.resolve(rootDir);
  const fileFor = (key: string) => {
    const file = path.resolve(root, key);
    // Keys are server-built, but a path must never leave the root whatever a key holds.
    if (!file.startsWith(root + path.sep)) throw new Error(`storage key escapes the root: ${key}`);
    return file;
  };
  return {
    name: 'local',
    async put(key, body, _contentType) {
      const file = fileFor(key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      // Write beside the target and rename: a failed or cut-off body never leaves a half-written
      // file in place, and the previous object stays until the new one is complete.
      const temp = `${file}.${randomUUID()}.part`;
      const size = await spoolTo(temp, body);
      await fs.promises.rename(temp, file).catch(async (err: unknown) => {
        await fs.promises.rm(temp, { force: true });
        throw err;
      });
      return { size };
    },
    async get(key) {
      const file = fileFor(key);
      try {
        await fs.promises.access(file);
      } catch {
        throw new StoredFileMissingError(key);
      }
      return fs.createReadStream(file);
    },
    async delete(key) {
      await fs.promises.rm(fileFor(key), { force: true });
    },
    async exists(key) {
      return fs.promises
        .access(fileFor(key))
        .then(() => true)
        .catch(() => false);
    },
  };
}
