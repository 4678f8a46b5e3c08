/** The client address as the nearest proxy saw it; only for audit, never for access decisions. */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || headers.get('x-real-ip') || null;
  // The audit column is inet: keep only things that look like an address.
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}
