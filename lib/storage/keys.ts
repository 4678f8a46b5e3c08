const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PURPOSE = /^[a-z_]{1,40}$/;

/**
 * A filename safe on every storage backend and in a header: no path, no control or shell
 * characters, at most 80 characters, never empty.
 */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-80);
  return cleaned || 'file';
}

/**
 * `clinic_<clinicId>/<purpose>/<attachmentId>-<safe filename>`: every object lives in its
 * clinic's space, under a key no user input can steer out of it.
 */
export function storageKey(parts: {
  clinicId: string;
  purpose: string;
  attachmentId: string;
  filename: string;
}): string {
  if (!UUID.test(parts.clinicId) || !UUID.test(parts.attachmentId)) {
    throw new Error('storageKey needs uuid clinic and attachment ids');
  }
  if (!PURPOSE.test(parts.purpose)) throw new Error(`invalid storage purpose ${parts.purpose}`);
  return `clinic_${parts.clinicId}/${parts.purpose}/${parts.attachmentId}-${safeFilename(parts.filename)}`;
}
