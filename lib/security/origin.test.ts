import { describe, expect, it } from 'vitest';
import { readEnv, type Env } from '@/lib/env';
import { isCrossSiteWrite, publicOrigin, siteHost } from './origin';

const base: Env = readEnv({ NODE_ENV: 'production', AUTH_URL: 'https://clinic.example.com' });
const behindProxy: Env = { ...base, TRUST_PROXY: true };
const devWithoutUrl: Env = { ...base, NODE_ENV: 'development', AUTH_URL: undefined };

function post(headers: Record<string, string>, method = 'POST') {
  return { method, headers: new Headers(headers) };
}

describe('isCrossSiteWrite', () => {
  it('accepts a write whose Origin is the public origin', () => {
    const req = post({ origin: 'https://clinic.example.com', host: '10.0.0.5:3000' });
    expect(isCrossSiteWrite(req, base)).toBe(false);
  });

  it('ignores a client-sent X-Forwarded-Host (and Host) unless a proxy is trusted', () => {
    const forged = post({
      origin: 'https://evil.example',
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
    });
    expect(isCrossSiteWrite(forged, base)).toBe(true);
    // The same request through a trusted proxy: the proxy set X-Forwarded-Host, so it is believed.
    expect(isCrossSiteWrite(forged, behindProxy)).toBe(false);
  });

  it('behind a trusted proxy compares with the first X-Forwarded-Host, else Host', () => {
    const req = { origin: 'https://clinic.example.com' };
    expect(
      isCrossSiteWrite(
        post({ ...req, 'x-forwarded-host': 'clinic.example.com , internal' }),
        behindProxy,
      ),
    ).toBe(false);
    expect(
      isCrossSiteWrite(post({ ...req, 'x-forwarded-host': 'other.example' }), behindProxy),
    ).toBe(true);
    expect(isCrossSiteWrite(post({ ...req, host: 'clinic.example.com' }), behindProxy)).toBe(false);
  });

  it('falls back to the Host header only in development without AUTH_URL', () => {
    const req = post({ origin: 'http://localhost:3000', host: 'localhost:3000' });
    expect(isCrossSiteWrite(req, devWithoutUrl)).toBe(false);
    expect(isCrossSiteWrite(req, { ...devWithoutUrl, NODE_ENV: 'production' })).toBe(true);
  });

  it.each(['null', '', 'not a url', 'https://clinic.example.com.evil.example'])(
    'refuses the Origin %j',
    (origin) => {
      expect(isCrossSiteWrite(post({ origin }), base)).toBe(true);
    },
  );

  it.each(['PUT', 'PATCH', 'DELETE'])('checks %s like POST', (method) => {
    expect(isCrossSiteWrite(post({ origin: 'https://evil.example' }, method), base)).toBe(true);
  });

  it('lets reads and Origin-less clients through', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(isCrossSiteWrite(post({ origin: 'https://evil.example' }, method), base)).toBe(false);
    }
    expect(isCrossSiteWrite(post({}), base)).toBe(false);
  });
});

describe('publicOrigin and siteHost', () => {
  it('name AUTH_URL, keeping a loopback IP as it is', () => {
    const local = { ...base, AUTH_URL: 'http://127.0.0.1:3202' };
    expect(publicOrigin(local)).toBe('http://127.0.0.1:3202');
    expect(siteHost(new Headers({ host: 'localhost:3202' }), local)).toBe('127.0.0.1:3202');
    expect(publicOrigin(devWithoutUrl)).toBeNull();
  });
});
