import { UTApi } from 'uploadthing/server';
import { env } from '@/lib/env';
import { localDriver } from './local';
import type { StorageDriver } from './types';
import { uploadThingDriver } from './uploadthing';

export type { StorageDriver } from './types';
export { StoredFileMissingError } from './types';
export { storageKey, safeFilename } from './keys';

// Per process, and safe so (docs/scaling.md): the driver holds no files itself. The files must be
// shared (UploadThing, or STORAGE_DIR_SHARED=1): lib/env.ts refuses several instances otherwise.
const holder = globalThis as unknown as { __clinicStorage?: StorageDriver };

/** The configured driver: UploadThing when chosen (token required), else the local disk. */
export function getStorage(): StorageDriver {
  holder.__clinicStorage ??=
    env.STORAGE_DRIVER === 'uploadthing'
      ? uploadThingDriver(new UTApi({ token: env.UPLOADTHING_TOKEN }))
      : localDriver(env.STORAGE_DIR);
  return holder.__clinicStorage;
}

/** Tests point the process at a driver of their own. */
export function setStorage(driver: StorageDriver | undefined): void {
  holder.__clinicStorage = driver;
}
