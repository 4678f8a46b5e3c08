import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { UTApi } from 'uploadthing/server';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { env } from '@/lib/env';
import { localDriver } from './local';
import { StoredFileMissingError, type StorageDriver } from './types';
import { uploadThingDriver, uploadThingId, type UploadThingApi } from './uploadthing';

const KEY =
  'clinic_00000000-0000-4000-8000-000000000001/export/00000000-0000-4000-8000-000000000002-list.csv';

/** A body that sends `good` and then fails, as an export whose read breaks off does. */
function failingBody(good: string): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from(good);
      throw new Error('the source broke off');
    })(),
  );
}

/**
 * Makes every file open answer `ms` later, as on a loaded machine whose I/O threads are busy:
 * the callback open a write stream uses and the promise one alike.
 */
function slowFileOpens(ms: number): void {
  const open = fs.open;
  const openPromise = fs.promises.open;
  vi.spyOn(fs, 'open').mockImplementation(((...args: Parameters<typeof fs.open>) => {
    setTimeout(() => open(...args), ms);
  }) as typeof fs.open);
  vi.spyOn(fs.promises, 'open').mockImplementation(async (...args) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return openPromise(...args);
  });
}
afterEach(() => vi.restoreAllMocks());

interface DriverUnderTest {
  driver: StorageDriver;
  /** Temporary files the driver wrote on the way (part files, spools): none may stay behind. */
  leftovers(): string[];
}

/** The contract every driver keeps. */
function contract(name: string, make: () => DriverUnderTest) {
  describe(`storage contract: ${name}`, () => {
    it('stores, reads back, replaces and deletes', async () => {
      const { driver } = make();
      expect(await driver.exists(KEY)).toBe(false);
      const { size } = await driver.put(KEY, Readable.from(['a,b\n', '1,2\n']), 'text/csv');
      expect(size).toBe(8);
      expect(await text(await driver.get(KEY))).toBe('a,b\n1,2\n');
      await driver.put(KEY, Buffer.from('replaced'), 'text/csv');
      expect(await text(await driver.get(KEY))).toBe('replaced');
      await driver.delete(KEY);
      expect(await driver.exists(KEY)).toBe(false);
    });
    it('takes a streamed body as it comes, and counts its bytes', async () => {
      const { driver, leftovers } = make();
      const rows = Array.from({ length: 5000 }, (_, i) => `${i},é\n`);
      const { size } = await driver.put(KEY, Readable.from(rows), 'text/csv');
      const expected = rows.join('');
      expect(size).toBe(Buffer.byteLength(expected));
      expect(await text(await driver.get(KEY))).toBe(expected);
      expect(leftovers()).toEqual([]);
    });
    it('a body that fails midway stores nothing, and leaves the previous object as it was', async () => {
      const { driver, leftovers } = make();
      await expect(driver.put(KEY, failingBody('a,b\n1,'), 'text/csv')).rejects.toThrow(
        'the source broke off',
      );
      expect(await driver.exists(KEY)).toBe(false);
      await driver.put(KEY, Buffer.from('previous'), 'text/csv');
      await expect(driver.put(KEY, failingBody('a,b\n1,'), 'text/csv')).rejects.toThrow();
      expect(await text(await driver.get(KEY))).toBe('previous');
      expect(leftovers()).toEqual([]);
    });
    it('a body that fails before its first byte leaves no file, even when opening one is slow', async () => {
      const { driver, leftovers } = make();
      slowFileOpens(50);
      await expect(driver.put(KEY, failingBody(''), 'text/csv')).rejects.toThrow(
        'the source broke off',
      );
      // Long enough for an open still under way when the put failed to create its file.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(leftovers()).toEqual([]);
      expect(await driver.exists(KEY)).toBe(false);
    });
    it('reports a missing file as missing, and deleting it again is harmless', async () => {
      const { driver } = make();
      await expect(driver.get(KEY)).rejects.toBeInstanceOf(StoredFileMissingError);
      await expect(driver.delete(KEY)).resolves.toBeUndefined();
    });
  });
}

/** Every file under `dir` whose name matches `pattern`. */
function filesIn(dir: string, pattern: RegExp): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => pattern.test(f));
}

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-storage-'));
afterAll(() => fs.rmSync(tempRoot, { recursive: true, force: true }));
contract('local disk', () => {
  const root = fs.mkdtempSync(path.join(tempRoot, 'run-'));
  return { driver: localDriver(root), leftovers: () => filesIn(root, /\.part$/) };
});

/**
 * UploadThing cannot be reached from here, so its driver logic runs against a stand-in for the
 * UTApi methods it calls, holding bytes in memory and honouring custom ids, ACL and signed URLs.
 */
function fakeUploadThing(): { api: UploadThingApi; fetch: typeof fetch; acl: Map<string, string> } {
  const files = new Map<string, Uint8Array>();
  const acl = new Map<string, string>();
  const api = {
    async uploadFiles(
      file: { customId?: string | null; arrayBuffer(): Promise<ArrayBuffer> },
      opts?: { acl?: string },
    ) {
      if (!file.customId) throw new Error('expected a custom id');
      if (files.has(file.customId)) return { data: null, error: { message: 'customId taken' } };
      files.set(file.customId, new Uint8Array(await file.arrayBuffer()));
      acl.set(file.customId, opts?.acl ?? 'public-read');
      return { data: { customId: file.customId }, error: null };
    },
    async getSignedURL(id: string) {
      if (!files.has(id)) throw new Error('not found');
      return { ufsUrl: `https://fake.ufs/${id}`, url: `https://fake.ufs/${id}` };
    },
    async deleteFiles(id: string) {
      files.delete(id);
      return { success: true, deletedCount: 1 };
    },
    async getFileUrls(id: string) {
      return { data: files.has(id) ? [{ key: id, url: '' }] : [] };
    },
  } as unknown as UploadThingApi;
  const fakeFetch = (async (url: string) => {
    const bytes = files.get(String(url).split('/').pop() ?? '');
    return bytes ? new Response(Buffer.from(bytes)) : new Response(null, { status: 404 });
  }) as typeof fetch;
  return { api, fetch: fakeFetch, acl };
}

contract('uploadthing driver (UTApi stand-in)', () => {
  const fake = fakeUploadThing();
  const spool = fs.mkdtempSync(path.join(tempRoot, 'spool-'));
  return {
    driver: uploadThingDriver(fake.api, fake.fetch, spool),
    leftovers: () => filesIn(spool, /./),
  };
});

describe('uploadthing driver details', () => {
  it('uploads private files under a bounded, deterministic custom id', async () => {
    const fake = fakeUploadThing();
    await uploadThingDriver(fake.api, fake.fetch).put(KEY, Buffer.from('x'), 'text/csv');
    const id = uploadThingId(KEY);
    expect(id.length).toBeLessThanOrEqual(128);
    expect(fake.acl.get(id)).toBe('private');
  });
});

describe('uploadthing driver streaming', () => {
  it('spools a streamed body to disk and uploads it from there, with its full size', async () => {
    const fake = fakeUploadThing();
    const spool = fs.mkdtempSync(path.join(tempRoot, 'spool-'));
    let atUpload: { spooled: number[]; size: number } | undefined;
    const api = {
      ...fake.api,
      uploadFiles: (async (file: File, opts?: { acl?: 'private' }) => {
        // What UploadThing is handed: a file as large as the body, backed by the spool file.
        const spooled = filesIn(spool, /./).map((f) => fs.statSync(path.join(spool, f)).size);
        atUpload = { spooled, size: file.size };
        return fake.api.uploadFiles(file as never, opts);
      }) as UploadThingApi['uploadFiles'],
    };
    const body = Readable.from(Array.from({ length: 300 }, () => Buffer.alloc(1024, 'x')));
    const { size } = await uploadThingDriver(api, fake.fetch, spool).put(KEY, body, 'text/csv');
    expect(size).toBe(300 * 1024);
    expect(atUpload).toEqual({ spooled: [300 * 1024], size: 300 * 1024 });
    expect(filesIn(spool, /./)).toEqual([]);
  });
});

describe.runIf(Boolean(env.UPLOADTHING_TOKEN))('storage contract: real UploadThing', () => {
  contract('uploadthing (live)', () => ({
    driver: uploadThingDriver(new UTApi({ token: env.UPLOADTHING_TOKEN })),
    leftovers: () => [],
  }));
});
