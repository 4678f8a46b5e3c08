// POST /api/patients/{patientId}/documents - attach a document (multipart field `file`)
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { errorResponse, withClinic } from '@/lib/api/with-clinic';
import { DocumentRejectedError, attachPatientDocument } from '@/lib/data/patient-documents';
import { NotFoundError } from '@/lib/errors';
import { uploadedFile } from '@/lib/files/multipart';
import { DOCUMENT_MESSAGES, MAX_DOCUMENT_BYTES } from '@/lib/patients/documents';

/** Room for the multipart framing around a file of the largest accepted size. */
const MAX_BODY_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;

/**
 * A route handler rather than a server action: the size limit applies to this endpoint only (a
 * server action limit is global), an oversized upload is refused from its Content-Length before
 * the body is read, and the file is streamed to storage rather than read into memory.
 */
export const POST = withClinic<{ patientId: string }>(
  async (req, ctx, { patientId }) => {
    if (!z.uuid().safeParse(patientId).success) throw new NotFoundError('Patient not found');
    // Browsers always send the length of a form upload; without it the body size is unknown.
    const length = Number(req.headers.get('content-length') ?? NaN);
    if (!Number.isFinite(length))
      return errorResponse(411, 'Send the upload with a Content-Length.');
    if (length > MAX_BODY_BYTES) return errorResponse(413, DOCUMENT_MESSAGES.tooLarge);
    // Streamed: the file goes to storage as it arrives (lib/files/multipart.ts).
    const file = await uploadedFile(req, 'file');
    if (!file) return errorResponse(400, DOCUMENT_MESSAGES.missing);
    try {
      const document = await attachPatientDocument(ctx, patientId, file);
      return NextResponse.json({ document }, { status: 201 });
    } catch (err) {
      if (err instanceof DocumentRejectedError) return errorResponse(err.status, err.message);
      throw err;
    }
  },
  { permission: 'patients.update' },
);
