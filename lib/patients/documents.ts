/** Patient documents: the rules both the upload form and the server apply (client-safe). */

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The accepted types, by what the content is: the name and the browser's claim are ignored. */
export const DOCUMENT_TYPES = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** For the file input's `accept`: a hint to the picker only; the server checks the content. */
export const DOCUMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

export const DOCUMENT_MESSAGES = {
  missing: 'Choose a file to attach.',
  empty: 'This file is empty.',
  tooLarge: 'This file is larger than 10 MB. Attach a smaller file (scan at a lower resolution).',
  wrongType: 'Only PDF, PNG or JPEG files can be attached. This file is none of those.',
  cutOff: 'The upload was cut off before the file ended. Attach it again.',
} as const;

/** What the patient page lists of a document. */
export interface PatientDocument {
  id: string;
  filename: string;
  contentType: DocumentType;
  size: number;
  /** ISO instant. */
  createdAt: string;
  uploadedBy: string | null;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(0)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}
