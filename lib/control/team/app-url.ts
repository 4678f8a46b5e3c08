import 'server-only';
import { headers } from 'next/headers';
import { publicOrigin, siteHost } from '@/lib/security/origin';

/**
 * An absolute link into the app for a message: AUTH_URL's origin (required in production), or in
 * development without it the host the request came to.
 */
export async function appUrl(path: string): Promise<string> {
  const origin = publicOrigin() ?? `http://${siteHost(await headers()) ?? 'localhost:3000'}`;
  return new URL(path, origin).toString();
}
