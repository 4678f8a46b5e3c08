import 'server-only';
import { headers } from 'next/headers';
import { mailLinkOrigin } from '@/lib/security/origin';

/** An absolute link into the app for a message, from the one origin every mailed link uses. */
export async function appUrl(path: string): Promise<string> {
  return new URL(path, mailLinkOrigin(await headers())).toString();
}
