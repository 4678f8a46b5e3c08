/**
 * `Content-Disposition: attachment` with a server-built filename (RFC 6266): a plain ASCII
 * `filename="…"` for old clients and the exact name as RFC 8187/5987 `filename*=UTF-8''…`.
 * Nothing from the name can break out of the header: quotes, backslashes, control characters and
 * path separators are replaced in the fallback and percent-encoded in the extended form.
 */
export function contentDisposition(filename: string): string {
  const name =
    filename
      .normalize('NFC')
      // Control characters (C0 and DEL) could split the header.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .split(/[\\/]/)
      .pop()
      ?.trim() || 'download';
  const fallback =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      // Printable ASCII only; `"` and `\` would end or escape the quoted string, and `%` reads as
      // an escape to some clients.
      .replace(/[^\x20-\x7e]|["\\%]/g, '_') || 'download';
  // encodeURIComponent leaves ' ( ) * unescaped, which RFC 8187's attr-char does not allow.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
