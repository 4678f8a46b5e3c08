/**
 * Which clinic, and which signed-in user, a page was rendered for. Every tenant-plane write
 * carries its page's stamp, and the server compares it with the session before the write runs
 * (lib/auth/stale-page.ts, which also holds its schema). It never chooses the clinic: the session
 * does. It only lets the server refuse a write from a page that no longer matches the session,
 * e.g. a form left open in one tab after a switch to another clinic in a second tab.
 *
 * No zod here: this module runs in the browser, where a schema built before lib/validation/text.ts
 * has switched zod to jitless would probe for eval and break the Content-Security-Policy.
 */
export interface PageStamp {
  clinicId: string;
  userId: string;
}

/** Every refusal of a stale page ends with this (lib/auth/stale-page.ts). */
export const NOTHING_SAVED = 'Nothing was saved.';

/** True for the message of a write refused because its page was stale: it explains itself. */
export function isStalePageRefusal(message: unknown): boolean {
  return typeof message === 'string' && message.endsWith(NOTHING_SAVED);
}

/** Route handlers that change something read the stamp from these request headers. */
export const PAGE_STAMP_HEADERS = {
  clinicId: 'x-page-clinic-id',
  userId: 'x-page-user-id',
} as const;

export function pageStampHeaders(stamp: PageStamp): Record<string, string> {
  return {
    [PAGE_STAMP_HEADERS.clinicId]: stamp.clinicId,
    [PAGE_STAMP_HEADERS.userId]: stamp.userId,
  };
}

/** The stamp a request's headers carry (unvalidated: the server check parses it). */
export function readPageStampHeaders(headers: Headers): unknown {
  return {
    clinicId: headers.get(PAGE_STAMP_HEADERS.clinicId),
    userId: headers.get(PAGE_STAMP_HEADERS.userId),
  };
}
