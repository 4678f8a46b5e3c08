// @ts-check
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';
import { staticSecurityHeaders } from './lib/security/headers.mjs';

/**
 * The development server is told apart by its build phase rather than NODE_ENV, so this file
 * reads no environment (lib/env.ts is the only reader). The security headers that need no nonce
 * are set here, on every route, so they hold even when middleware is bypassed; middleware.ts adds
 * the per-response script policy (lib/security/headers.mjs).
 *
 * @type {(phase: string) => import('next').NextConfig}
 */
export default function nextConfig(phase) {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // Next rewrites a loopback host (127.0.0.1, [::1]) in a request's URL to `localhost`, and
    // next-auth builds its redirects from that URL: with AUTH_URL=http://127.0.0.1:3000 every
    // sign-in and sign-out went to http://localhost:3000, another site to the browser and its
    // cookies. Middleware redirects were rewritten the same way. This keeps URLs as they are
    // (it also stops the /_next/data path rewriting, which only the pages router uses).
    skipMiddlewareUrlNormalize: true,
    // forbidden() and app/forbidden.tsx: a denied page answers 403 with a clear page.
    experimental: { authInterrupts: true },
    // Native addons, the PGlite wasm bundle and pdfkit's font metrics (.afm files) load from
    // node_modules at run time; bundling them breaks their file lookups. pg-copy-streams runs on
    // pg's connection (db/tenant-stream.ts): it loads from node_modules beside the same pg.
    serverExternalPackages: [
      '@electric-sql/pglite',
      '@node-rs/argon2',
      'pg',
      'pg-copy-streams',
      'pdfkit',
    ],
    async headers() {
      return [{ source: '/:path*', headers: staticSecurityHeaders(dev) }];
    },
  };
}
