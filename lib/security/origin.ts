/**
 * Who the app is on the web, and whether a write comes from it. One rule, used twice: by
 * middleware.ts for every request (server actions included, which Next would otherwise answer
 * with a 500) and again by withClinic for route handlers, because middleware can be bypassed.
 */
import { env, type Env } from '@/lib/env';

/** AUTH_URL's origin, or null in development without it (production refuses to start so). */
export function publicOrigin(e: Env = env): string | null {
  return e.AUTH_URL ? new URL(e.AUTH_URL).origin : null;
}

/**
 * The host that a same-site request's Origin names. X-Forwarded-Host is client-controlled unless
 * a proxy we run overwrites it, so it is believed only with TRUST_PROXY; otherwise the public
 * origin decides. The Host header is the fallback only in development without AUTH_URL.
 */
export function siteHost(headers: Headers, e: Env = env): string | null {
  if (e.TRUST_PROXY) {
    const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
    return forwarded || headers.get('host');
  }
  if (e.AUTH_URL) return new URL(e.AUTH_URL).host;
  return e.NODE_ENV === 'production' ? null : headers.get('host');
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True for a browser write from another site: an Origin header that names another host (or no
 * parsable host, such as `null` from a sandboxed frame). Requests without Origin pass: browsers
 * send it on every cross-origin write, and scripts that omit it carry no ambient cookies to abuse
 * (the session cookie is SameSite=Lax on top).
 */
export function isCrossSiteWrite(req: { method: string; headers: Headers }, e: Env = env): boolean {
  if (READS.has(req.method)) return false;
  const origin = req.headers.get('origin');
  if (origin === null) return false;
  // No known host (production without AUTH_URL) equals no Origin's host: every write is refused.
  const host = siteHost(req.headers, e);
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * The origin of the links the app mails out: the public origin. Only in development without
 * AUTH_URL (production refuses to start so) is it the host the request came to.
 */
export function mailLinkOrigin(headers: Headers, e: Env = env): string {
  return publicOrigin(e) ?? `http://${siteHost(headers, e) ?? 'localhost:3000'}`;
}
