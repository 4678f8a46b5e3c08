// GET /file/download/{attachmentId} - gated file download
import { Readable } from 'node:stream';
import { errorResponse, withClinic } from '@/lib/api/with-clinic';
import { openDownload } from '@/lib/data/downloads';
import { contentDisposition } from '@/lib/files/content-disposition';

/** One answer for a malformed, missing, deleted or foreign id, and for a refusal after sign-in. */
const NOT_FOUND = 'File not found';

/**
 * The only way files leave storage: the session, the clinic membership and exports.download are
 * re-checked (withClinic), the file must be the active clinic's and not deleted, and every
 * attempt is audited. Anonymous requests get 401 (the middleware redirects them to sign-in
 * first); any other refusal is the same 404 as a missing file, so ids cannot be probed.
 */
export const GET = withClinic<{ attachmentId: string }>(
  async (_req, ctx, { attachmentId }) => {
    const result = await openDownload(ctx, attachmentId);
    if (result.status === 'not_found') return errorResponse(404, NOT_FOUND);
    if (result.status === 'stored_file_missing') {
      return errorResponse(
        404,
        'This file is no longer available. Request the export again from the Exports page.',
      );
    }
    const { attachment, body } = result;
    return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
      status: 200,
      headers: {
        'Content-Type': attachment.contentType,
        'Content-Length': String(attachment.size),
        'Content-Disposition': contentDisposition(attachment.filename),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  },
  { permission: 'exports.download', refusalsAsNotFound: NOT_FOUND },
);
