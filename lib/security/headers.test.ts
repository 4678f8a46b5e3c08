import { describe, expect, it } from 'vitest';
import nextConfig from '@/next.config.mjs';
import { contentSecurityPolicy, newNonce, staticSecurityHeaders } from './headers.mjs';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d]));

describe('contentSecurityPolicy', () => {
  it("runs scripts only with the response's nonce, never inline or eval in production", () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123', dev: false }));
    expect(policy.get('script-src')).toBe("script-src 'nonce-abc123' 'strict-dynamic'");
    expect(policy.get('default-src')).toBe("default-src 'self'");
  });

  it('allows eval only in development, where React Refresh needs it', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'n', dev: true }));
    expect(policy.get('script-src')).toBe("script-src 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
  });

  it('repeats every static directive, since it replaces the static header', () => {
    const full = directives(contentSecurityPolicy({ nonce: 'n', dev: false }));
    const fixed = staticSecurityHeaders(false).find((h) => h.key === 'Content-Security-Policy');
    for (const [name, directive] of directives(fixed?.value ?? '')) {
      expect(full.get(name)).toBe(directive);
    }
  });
});

describe('staticSecurityHeaders', () => {
  it('has no fetch directives, so it never disagrees with the nonce policy about scripts', () => {
    const fixed = staticSecurityHeaders(false).find((h) => h.key === 'Content-Security-Policy');
    expect([...directives(fixed?.value ?? '').keys()].sort()).toEqual([
      'base-uri',
      'form-action',
      'frame-ancestors',
      'object-src',
    ]);
  });

  it('sends HSTS in production only', () => {
    const names = (dev: boolean) => staticSecurityHeaders(dev).map((h) => h.key);
    expect(names(false)).toContain('Strict-Transport-Security');
    expect(names(true)).not.toContain('Strict-Transport-Security');
    expect(names(true)).toEqual(
      expect.arrayContaining(['X-Content-Type-Options', 'Referrer-Policy', 'X-Frame-Options']),
    );
  });

  it('is what next.config.mjs sends on every route', async () => {
    const rules = await nextConfig('phase-production-server').headers?.();
    expect(rules).toEqual([{ source: '/:path*', headers: staticSecurityHeaders(false) }]);
  });
});

describe('newNonce', () => {
  it('is 128 random bits, fresh every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});
