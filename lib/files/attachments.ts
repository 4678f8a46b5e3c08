import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq, isNull } from 'drizzle-orm';
import { fileAttachments } from '@/db/schema';
import type { TenantDb, TenantScope } from '@/db/tenant';
import { getStorage, storageKey } from '@/lib/storage';

export type AttachmentPurpose = (typeof fileAttachments.$inferSelect)['purpose'];
export type AttachmentRow = typeof fileAttachments.$inferSelect;

export interface NewAttachment {
  /** Pass a stable id when the caller may be retried (a job step), so a rerun reuses the key. */
  id?: string;
  entityType: string;
  entityId: string;
  purpose: AttachmentPurpose;
  filename: string;
  contentType: string;
  createdBy: string | null;
  /** Documents accumulate; exports and reports replace the previous one of the same entity. */
  replacePrevious: boolean;
}

/**
 * Stores a file for the clinic of `db` and records it. The bytes go to the storage service first
 * under a server-built key in the clinic's space; then, in one tenant transaction, the previous
 * live attachment of the same (entity type, entity, purpose) is soft-deleted (when replacing), the
 * new row inserted and `alsoRecord` run (an audit event, so the file and its trail commit
 * together). If recording fails, the stored bytes are removed again.
 */
export async function storeAttachment(
  db: TenantDb,
  file: NewAttachment,
  body: Readable | Buffer,
  alsoRecord?: (t: TenantScope, row: AttachmentRow) => Promise<void>,
): Promise<AttachmentRow> {
  const id = file.id ?? randomUUID();
  const key = storageKey({
    clinicId: db.clinicId,
    purpose: file.purpose,
    attachmentId: id,
    filename: file.filename,
  });
  const storage = getStorage();
  const { size } = await storage.put(key, body, file.contentType);
  try {
    return await db.transaction(async (t) => {
      if (file.replacePrevious) {
        await t.update(
          fileAttachments,
          { deletedAt: new Date() },
          and(
            eq(fileAttachments.entityType, file.entityType),
            eq(fileAttachments.entityId, file.entityId),
            eq(fileAttachments.purpose, file.purpose),
            isNull(fileAttachments.deletedAt),
          ),
        );
      }
      const row = await t.insert(fileAttachments, {
        id,
        entityType: file.entityType,
        entityId: file.entityId,
        purpose: file.purpose,
        storageKey: key,
        filename: file.filename,
        contentType: file.contentType,
        size,
        createdBy: file.createdBy,
      });
      await alsoRecord?.(t, row);
      return row;
    });
  } catch (err) {
    await storage.delete(key).catch(() => {});
    throw err;
  }
}

/** A live (not deleted) attachment of the db's clinic, or undefined: foreign ids look missing. */
export async function findLiveAttachment(
  db: TenantDb,
  id: string,
): Promise<AttachmentRow | undefined> {
  const row = await db.findById(fileAttachments, id);
  return row && !row.deletedAt ? row : undefined;
}
