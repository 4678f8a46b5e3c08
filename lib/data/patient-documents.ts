import 'server-only';
import { pipeline, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { fileAttachments, patients, users } from '@/db/schema';
import { recordAudit, type AuditActor } from '@/lib/audit/record';
import type { ClinicContext } from '@/lib/auth/context';
import { NotFoundError } from '@/lib/errors';
import { storeAttachment, type AttachmentRow } from '@/lib/files/attachments';
import { ByteLimit } from '@/lib/files/byte-limit';
import { sniffDocumentStream } from '@/lib/files/sniff';
import {
  DOCUMENT_MESSAGES,
  MAX_DOCUMENT_BYTES,
  type DocumentType,
  type PatientDocument,
} from '@/lib/patients/documents';

type ReadCtx = Pick<ClinicContext, 'db'>;
type WriteCtx = Pick<ClinicContext, 'db' | 'user' | 'meta'>;

const PURPOSE = 'patient_document';
const ENTITY = 'patient';

/** An upload refused for what it is; `status` is the HTTP answer (nothing was stored). */
export class DocumentRejectedError extends Error {
  readonly name = 'DocumentRejectedError';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** A patient's live documents, newest first, with the uploader's name while still a member. */
export async function listPatientDocuments(
  ctx: ReadCtx,
  patientId: string,
): Promise<PatientDocument[]> {
  const f = fileAttachments;
  const rows = await ctx.db.transaction((t) =>
    t
      .from(f, {
        id: f.id,
        filename: f.filename,
        contentType: f.contentType,
        size: f.size,
        createdAt: f.createdAt,
        // RLS shows the tenant role only this clinic's members: a former member's name is null.
        uploadedBy: users.name,
      })
      .leftJoin(users, eq(users.id, f.createdBy))
      .where(
        and(
          eq(f.entityType, ENTITY),
          eq(f.entityId, patientId),
          eq(f.purpose, PURPOSE),
          isNull(f.deletedAt),
        ),
      )
      .orderBy(desc(f.createdAt), desc(f.id)),
  );
  return rows.map((r) => ({
    ...r,
    contentType: r.contentType as DocumentType,
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * Attaches a file to one of the clinic's patients: at most 10 MB, and a PDF, PNG or JPEG by its
 * content. The body is streamed: its type is sniffed from the first bytes, then it goes to
 * storage while its size is counted, and it is refused the moment it passes the limit (storage
 * keeps nothing of it). The stored type is the sniffed one. Accepted uploads are stored and
 * audited in one step; a refused one stores nothing and is audited as a failure. Another
 * clinic's patient is the same NotFoundError as a missing one.
 */
export async function attachPatientDocument(
  ctx: WriteCtx,
  patientId: string,
  upload: { filename: string; body: Readable },
): Promise<PatientDocument> {
  const actor: AuditActor = { userId: ctx.user.id, ip: ctx.meta.ip, requestId: ctx.meta.requestId };
  const audit = (outcome: 'success' | 'failure', metadata: Record<string, unknown>) => ({
    action: 'patient.document_upload',
    outcome,
    entityType: ENTITY,
    entityId: patientId,
    metadata,
  });
  const refuse = async (refusal: DocumentRejectedError) => {
    await ctx.db.transaction((t) =>
      recordAudit(t, actor, audit('failure', { reason: refusal.reason })),
    );
    return refusal;
  };

  if (!(await ctx.db.findById(patients, patientId))) {
    upload.body.resume(); // the body is not wanted; let it drain
    await ctx.db.transaction((t) =>
      recordAudit(t, actor, audit('failure', { reason: 'patient_not_found' })),
    );
    throw new NotFoundError('Patient not found');
  }
  const counted = new ByteLimit(MAX_DOCUMENT_BYTES);
  // Past the limit the stream fails, in the sniff (a first chunk that large) or while storing;
  // a body that breaks off or is malformed mid-file fails the upload's own stream: the client's
  // doing, a 400, never a 500.
  const tooLargeOr = async (err: unknown) =>
    counted.exceeded ? refuse(TOO_LARGE()) : upload.body.errored ? refuse(CUT_OFF()) : err;
  const { type, body } = await sniffDocumentStream(pipeline(upload.body, counted, () => {})).catch(
    async (err: unknown) => {
      throw await tooLargeOr(err);
    },
  );
  if (!type) {
    // Drained to tell an empty file (nothing came) from one of another type.
    await finished(body.resume()).catch(() => {});
    throw await refuse(counted.bytes === 0 ? EMPTY() : WRONG_TYPE());
  }

  let row: AttachmentRow;
  try {
    row = await storeAttachment(
      ctx.db,
      {
        entityType: ENTITY,
        entityId: patientId,
        purpose: PURPOSE,
        filename: displayName(upload.filename),
        contentType: type,
        createdBy: ctx.user.id,
        replacePrevious: false,
      },
      body,
      (t, stored) =>
        recordAudit(
          t,
          actor,
          audit('success', { attachmentId: stored.id, contentType: type, size: stored.size }),
        ),
    );
  } catch (err) {
    throw await tooLargeOr(err);
  }
  return {
    id: row.id,
    filename: row.filename,
    contentType: type,
    size: row.size,
    createdAt: row.createdAt.toISOString(),
    uploadedBy: ctx.user.name,
  };
}

const EMPTY = () => new DocumentRejectedError(400, DOCUMENT_MESSAGES.empty, 'empty');
const WRONG_TYPE = () => new DocumentRejectedError(415, DOCUMENT_MESSAGES.wrongType, 'wrong_type');
const TOO_LARGE = () => new DocumentRejectedError(413, DOCUMENT_MESSAGES.tooLarge, 'too_large');
const CUT_OFF = () => new DocumentRejectedError(400, DOCUMENT_MESSAGES.cutOff, 'cut_off');

/**
 * The name shown in the list and offered on download: the uploader's own, without any path,
 * control characters or excess length. (The storage key uses a stricter form: see safeFilename.)
 */
function displayName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return base.slice(0, 200) || 'document';
}
