import 'server-only';
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { cache } from 'react';
import { clientIp } from './request-meta';

export interface RequestMeta {
  requestId: string;
  ip: string | null;
}

/** The request id middleware stamped (or a fresh one) and the client address, for audit rows. */
export const requestMeta = cache(async (): Promise<RequestMeta> => {
  const h = await headers();
  return { requestId: h.get('x-request-id') ?? randomUUID(), ip: clientIp(h) };
});
