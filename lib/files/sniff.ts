import type { Readable } from 'node:stream';
import { fileTypeStream } from 'file-type/node';
import { DOCUMENT_TYPES, type DocumentType } from '@/lib/patients/documents';

/**
 * The document type a stream's bytes really are, judged from its first bytes by their signature
 * (file-type), or null when they are none of the accepted ones; and a stream of ALL the bytes,
 * those first ones included, to store. A file's name and the browser's content type are never
 * trusted: a renamed script stays a script.
 */
export async function sniffDocumentStream(
  body: Readable,
): Promise<{ type: DocumentType | null; body: Readable }> {
  const sniffed = await fileTypeStream(body);
  const mime = sniffed.fileType?.mime;
  return {
    type: mime && Object.hasOwn(DOCUMENT_TYPES, mime) ? (mime as DocumentType) : null,
    body: sniffed,
  };
}
