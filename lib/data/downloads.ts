import 'server-only';
import type { Readable } from 'node:stream';
import { recordAudit, type AuditActor } from '@/lib/audit/record';
import type { ClinicContext } from '@/lib/auth/context';
import { findLiveAttachment, type AttachmentRow } from '@/lib/files/attachments';
import { StoredFileMissingError, getStorage } from '@/lib/storage';

type DownloadCtx = Pick<ClinicContext, 'db' | 'user' | 'meta'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DownloadResult =
  | { status: 'ok'; attachment: AttachmentRow; body: Readable }
  /** A malformed id, a missing one, another clinic's one or a deleted file: all the same. */
  | { status: 'not_found' }
  /** The record is live but its bytes are gone from storage. */
  | { status: 'stored_file_missing' };

/**
 * Opens one of the active clinic's live files for download and audits the attempt
 * (`file.download`, the attachment id only): success once the stored bytes are found, failure
 * for an id that is malformed, missing, deleted or another clinic's (all answered alike).
 */
export async function openDownload(
  ctx: DownloadCtx,
  attachmentId: string,
): Promise<DownloadResult> {
  const actor: AuditActor = { userId: ctx.user.id, ip: ctx.meta.ip, requestId: ctx.meta.requestId };
  const audit = (outcome: 'success' | 'failure', metadata?: Record<string, unknown>) =>
    ctx.db.transaction((t) =>
      recordAudit(t, actor, {
        action: 'file.download',
        outcome,
        entityType: 'file_attachment',
        // A malformed id is not recorded verbatim: it is user input, not an id.
        entityId: UUID.test(attachmentId) ? attachmentId : undefined,
        metadata,
      }),
    );

  const attachment = UUID.test(attachmentId)
    ? await findLiveAttachment(ctx.db, attachmentId)
    : undefined;
  if (!attachment) {
    await audit('failure', { reason: UUID.test(attachmentId) ? 'not_found' : 'invalid_id' });
    return { status: 'not_found' };
  }
  let body: Readable;
  try {
    body = await getStorage().get(attachment.storageKey);
  } catch (err) {
    if (!(err instanceof StoredFileMissingError)) throw err;
    console.error(
      `[download] attachment ${attachment.id} of clinic ${ctx.db.clinicId}: stored file missing (${attachment.storageKey})`,
    );
    await audit('failure', { reason: 'stored_file_missing' });
    return { status: 'stored_file_missing' };
  }
  await audit('success', { purpose: attachment.purpose, size: attachment.size });
  return { status: 'ok', attachment, body };
}
