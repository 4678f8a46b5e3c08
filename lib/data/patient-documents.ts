import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { fileAttachments, patients, users } from '@/db/schema';
import { recordAudit, type AuditActor } from '@/lib/audit/record';
import type { ClinicContext } from '@/lib/auth/context';
import { NotFoundError } from '@/lib/errors';
import { storeAttachment } from '@/lib/files/attachments';
import { sniffDocumentType } from '@/lib/files/sniff';
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
 * content. The stored type is the sniffed one. Accepted uploads are stored and audited in one
 * step; a refused one stores nothing and is audited as a failure. Another clinic's patient is
 * the same NotFoundError as a missing one.
 */
export async function attachPatientDocument(
  ctx: WriteCtx,
  patientId: string,
  upload: { filename: string; bytes: Buffer },
): Promise<PatientDocument> {
  const actor: AuditActor = { userId: ctx.user.id, ip: ctx.meta.ip, requestId: ctx.meta.requestId };
  const audit = (outcome: 'success' | 'failure', metadata: Record<string, unknown>) => ({
    action: 'patient.document_upload',
    outcome,
    entityType: ENTITY,
    entityId: patientId,
    metadata,
  });
  const auditRefusal = (reason: string) =>
    ctx.db.transaction((t) => recordAudit(t, actor, audit('failure', { reason })));

  if (!(await ctx.db.findById(patients, patientId))) {
    await auditRefusal('patient_not_found');
    throw new NotFoundError('Patient not found');
  }
  const type = await documentType(upload.bytes);
  if (type instanceof DocumentRejectedError) {
    await auditRefusal(type.reason);
    throw type;
  }

  const row = await storeAttachment(
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
    upload.bytes,
    (t, stored) =>
      recordAudit(
        t,
        actor,
        audit('success', { attachmentId: stored.id, contentType: type, size: stored.size }),
      ),
  );
  return {
    id: row.id,
    filename: row.filename,
    contentType: type,
    size: row.size,
    createdAt: row.createdAt.toISOString(),
    uploadedBy: ctx.user.name,
  };
}

/** The document's sniffed type, or why it is refused. */
async function documentType(bytes: Buffer): Promise<DocumentType | DocumentRejectedError> {
  if (bytes.length === 0) return new DocumentRejectedError(400, DOCUMENT_MESSAGES.empty, 'empty');
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    return new DocumentRejectedError(413, DOCUMENT_MESSAGES.tooLarge, 'too_large');
  }
  return (
    (await sniffDocumentType(bytes)) ??
    new DocumentRejectedError(415, DOCUMENT_MESSAGES.wrongType, 'wrong_type')
  );
}

/**
 * The name shown in the list and offered on download: the uploader's own, without any path,
 * control characters or excess length. (The storage key uses a stricter form: see safeFilename.)
 */
function displayName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  return base.slice(0, 200) || 'document';
}
