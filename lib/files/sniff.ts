import { fileTypeFromBuffer } from 'file-type';
import { DOCUMENT_TYPES, type DocumentType } from '@/lib/patients/documents';

/**
 * The document type the bytes really are (by their signature, via file-type), or null when they
 * are none of the accepted ones. A file's name and the browser's content type are never trusted:
 * a renamed script stays a script.
 */
export async function sniffDocumentType(bytes: Uint8Array): Promise<DocumentType | null> {
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.mime;
  return mime && Object.hasOwn(DOCUMENT_TYPES, mime) ? (mime as DocumentType) : null;
}
