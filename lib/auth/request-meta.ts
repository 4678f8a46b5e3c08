import { env } from '@/lib/env';

const ADDRESS = /^[0-9a-fA-F:.]{2,45}$/;

/**
 * The client's address, for audit rows and per-address throttles. Next appends the socket's
 * address to `X-Forwarded-For` (patches/next+15.5.29.patch), so its last entry is the one peer
 * the client cannot choose. With `TRUST_PROXY=1` that peer is our own reverse proxy, which appends
 * the address it saw: the entry before it. Anything further left was sent by the client and is
 * never believed, nor is `X-Real-IP`.
 */
export function clientIp(headers: Headers, trustProxy = env.TRUST_PROXY ?? false): string | null {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const ip = trustProxy && hops.length >= 2 ? hops.at(-2) : hops.at(-1);
  // The audit column is inet: keep only things that look like an address.
  return ip && ADDRESS.test(ip) ? ip.replace(/^::ffff:(?=\d+\.)/, '') : null;
}
