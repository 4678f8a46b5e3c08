// @ts-check
/**
 * The security headers, in two layers:
 *
 * - `staticSecurityHeaders` go on every response from next.config.mjs, so they hold even when
 *   middleware is bypassed (CVE-2025-29927): nosniff, Referrer-Policy, frame denial, HSTS in
 *   production, and a Content-Security-Policy of the directives that need no nonce.
 * - `contentSecurityPolicy` is the per-response policy middleware.ts sets: scripts run only with
 *   that response's nonce ('strict-dynamic' lets them load Next's chunks). Next reads the nonce
 *   from the request's Content-Security-Policy header and puts it on its own scripts; every page
 *   renders per request, so each response gets a fresh one. Its header replaces the static one of
 *   the same name, so it repeats the static directives; the static one has no fetch directives,
 *   so the two never disagree about scripts.
 *
 * Plain JavaScript with no imports: next.config.mjs loads it with Node, outside the app's bundle,
 * and middleware.ts imports it like any other module (its types come from the JSDoc).
 */

/** Directives that need no nonce: safe on every response, whatever else runs. */
const STATIC_DIRECTIVES = [
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/**
 * The full policy for one response. Development needs eval for React Refresh.
 *
 * @param {{ nonce: string; dev: boolean }} options
 * @returns {string}
 */
export function contentSecurityPolicy({ nonce, dev }) {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React and the toast library set inline style attributes, which nonces cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    ...STATIC_DIRECTIVES,
  ].join('; ');
}

/**
 * A fresh nonce: 128 random bits, base64.
 *
 * @returns {string}
 */
export function newNonce() {
  // Web Crypto and btoa: the same in Node and in middleware, with no import.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return globalThis.btoa(String.fromCharCode(...bytes));
}

/**
 * @param {boolean} dev
 * @returns {{ key: string; value: string }[]}
 */
export function staticSecurityHeaders(dev) {
  const headers = [
    { key: 'Content-Security-Policy', value: STATIC_DIRECTIVES.join('; ') },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    {
      key: 'Permissions-Policy',
      value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
    },
  ];
  // HSTS on a development origin would pin localhost to https for every other local project.
  if (!dev) {
    headers.push({
      key: 'Strict-Transport-Security',
      value: 'max-age=63072000; includeSubDomains',
    });
  }
  return headers;
}
