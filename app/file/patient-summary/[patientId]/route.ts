// GET /file/patient-summary/{patientId} - the patient summary PDF, made now and downloaded
import { errorResponse, withClinic } from '@/lib/api/with-clinic';
import { printPatientSummary } from '@/lib/data/patient-summary-print';
import { contentDisposition } from '@/lib/files/content-disposition';

/**
 * "Print summary" on the record: the PDF is produced within the request and sent as an
 * attachment named by MRN and date. Gated like every download (exports.download: a role without
 * it gets 403 and sees no button); a malformed, missing or foreign patient is the same 404.
 */
export const GET = withClinic<{ patientId: string }>(
  async (_req, ctx, { patientId }) => {
    const result = await printPatientSummary(ctx, patientId);
    if (!result) return errorResponse(404, 'Patient not found');
    return new Response(new Uint8Array(result.pdf), {
      status: 200,
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Length': String(result.pdf.length),
        'Content-Disposition': contentDisposition(result.filename),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  },
  { permission: 'exports.download' },
);
