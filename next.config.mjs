// @ts-check
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';

/**
 * Security headers for every route. The development server is told apart by its build phase
 * rather than NODE_ENV, so this file reads no environment (lib/env.ts is the only reader).
 *
 * @param {boolean} dev
 */
function securityHeaders(dev) {
  const csp = [
    "default-src 'self'",
    // Next's bootstrap and hydration data are inline scripts; React Refresh needs eval in dev.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
  const headers = [
    { key: 'Content-Security-Policy', value: csp },
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

/** @type {(phase: string) => import('next').NextConfig} */
export default function nextConfig(phase) {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // forbidden() and app/forbidden.tsx: a denied page answers 403 with a clear page.
    experimental: { authInterrupts: true },
    // Native addons, the PGlite wasm bundle and pdfkit's font metrics (.afm files) load from
    // node_modules at run time; bundling them breaks their file lookups.
    serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pg', 'pdfkit'],
    async headers() {
      return [{ source: '/:path*', headers: securityHeaders(dev) }];
    },
  };
}
