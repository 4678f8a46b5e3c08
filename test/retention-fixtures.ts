/**
 * Fixtures for the retention tests: attachments of any age, purpose and deletion state with real
 * stored bytes (local disk in a temp directory), and a view of the end state to compare runs by.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import { fileAttachments } from '@/db/schema';
import { tenantDb, type TenantInsert } from '@/db/tenant';
import type { AttachmentPurpose } from '@/lib/files/attachments';
import { getStorage, setStorage, storageKey } from '@/lib/storage';
import { localDriver } from '@/lib/storage/local';

const DAY_MS = 86_400_000;

export interface AttachmentSpec {
  id?: string;
  purpose: AttachmentPurpose;
  entityType?: string;
  entityId?: string;
  /** Created this many days before `now` (fractions allowed). */
  ageDays: number;
  /** Soft-deleted this many days before `now`; null / omitted: live. */
  deletedDaysAgo?: number | null;
  /** Already purged (bytes gone) when it was soft-deleted. */
  purged?: boolean;
}

export const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** A fresh local-disk storage root for this test; returns it (and removes it in `cleanup`). */
export function useTempStorage(): { root: string; cleanup: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-retention-'));
  setStorage(localDriver(root));
  return {
    root,
    cleanup: () => {
      setStorage(undefined);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Inserts the attachments (rows plus stored bytes unless purged); returns their ids in order. */
export async function insertAttachments(
  clinicId: string,
  specs: AttachmentSpec[],
  now: Date,
): Promise<string[]> {
  const storage = getStorage();
  const rows: (TenantInsert<typeof fileAttachments> & { id: string })[] = [];
  for (const [i, spec] of specs.entries()) {
    const id = spec.id ?? crypto.randomUUID();
    const key = storageKey({
      clinicId,
      purpose: spec.purpose,
      attachmentId: id,
      filename: `f${i}.csv`,
    });
    if (!spec.purged) await storage.put(key, Buffer.from(`file ${i}`), 'text/csv');
    const deletedAt =
      spec.deletedDaysAgo === null || spec.deletedDaysAgo === undefined
        ? null
        : daysAgo(now, spec.deletedDaysAgo);
    rows.push({
      id,
      entityType: spec.entityType ?? 'patients_csv',
      entityId: spec.entityId ?? `entity-${i}`,
      purpose: spec.purpose,
      storageKey: key,
      filename: `f${i}.csv`,
      contentType: 'text/csv',
      size: 6,
      createdBy: null,
      createdAt: daysAgo(now, spec.ageDays),
      deletedAt,
      purgedAt: spec.purged && deletedAt ? deletedAt : null,
    });
  }
  if (rows.length > 0) await tenantDb(clinicId).transaction((t) => t.insert(fileAttachments, rows));
  return rows.map((r) => r.id);
}

export interface AttachmentState {
  id: string;
  purpose: string;
  deleted: boolean;
  purged: boolean;
  stored: boolean;
}

/** Each attachment of the clinic: deleted / purged (null-ness) and whether its bytes exist. */
export async function attachmentStates(clinicId: string): Promise<AttachmentState[]> {
  const rows = await tenantDb(clinicId).list(fileAttachments, {
    orderBy: [asc(fileAttachments.id)],
    limit: 100_000,
  });
  const storage = getStorage();
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      purpose: r.purpose,
      deleted: r.deletedAt !== null,
      purged: r.purgedAt !== null,
      stored: await storage.exists(r.storageKey),
    })),
  );
}

/** The full rows (timestamps included), for "nothing changed at all" checks. */
export async function attachmentRows(clinicId: string) {
  return tenantDb(clinicId).list(fileAttachments, {
    orderBy: [asc(fileAttachments.id)],
    limit: 100_000,
  });
}

/** Every file under the storage root, relative and sorted. */
export function storedFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)))
    .sort();
}
