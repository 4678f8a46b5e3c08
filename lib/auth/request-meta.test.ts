import { afterEach, describe, expect, it } from 'vitest';
import { env } from '@/lib/env';
import { clientIp } from './request-meta';

const from = (xff?: string, extra: Record<string, string> = {}) =>
  new Headers({ ...(xff === undefined ? {} : { 'x-forwarded-for': xff }), ...extra });

describe('clientIp: only the peers we can vouch for', () => {
  it('takes the socket address Next appends, never what the client put before it', () => {
    expect(clientIp(from('203.0.113.9'), false)).toBe('203.0.113.9');
    expect(clientIp(from('6.6.6.6, 203.0.113.9'), false)).toBe('203.0.113.9');
    expect(clientIp(from('6.6.6.6, 7.7.7.7,203.0.113.9'), false)).toBe('203.0.113.9');
  });

  it('behind our proxy (TRUST_PROXY) takes the address the proxy saw, one hop in', () => {
    expect(clientIp(from('6.6.6.6, 198.51.100.7, 10.0.0.2'), true)).toBe('198.51.100.7');
    expect(clientIp(from('198.51.100.7, 10.0.0.2'), true)).toBe('198.51.100.7');
    expect(clientIp(from('10.0.0.2'), true)).toBe('10.0.0.2');
  });

  it('never believes X-Real-IP', () => {
    expect(clientIp(from(undefined, { 'x-real-ip': '6.6.6.6' }), false)).toBeNull();
    expect(clientIp(from('203.0.113.9', { 'x-real-ip': '6.6.6.6' }), true)).toBe('203.0.113.9');
  });

  it('keeps only address-like values (the audit column is inet) and unmaps IPv4', () => {
    expect(clientIp(from('6.6.6.6, not-an-ip'), false)).toBeNull();
    expect(clientIp(from("1.2.3.4'; drop table x; --"), false)).toBeNull();
    expect(clientIp(from('::ffff:127.0.0.1'), false)).toBe('127.0.0.1');
    expect(clientIp(from('2001:db8::1'), false)).toBe('2001:db8::1');
    // Only a leading ::ffff: marks a mapped IPv4 address; inside an IPv6 address it stays.
    expect(clientIp(from('64:ff9b::ffff:1.2.3.4'), false)).toBe('64:ff9b::ffff:1.2.3.4');
    expect(clientIp(from(''), false)).toBeNull();
  });
});

describe('clientIp: the TRUST_PROXY setting decides when not told', () => {
  const configured = env.TRUST_PROXY;
  afterEach(() => {
    env.TRUST_PROXY = configured;
  });

  it('takes the last hop when TRUST_PROXY is unset or off, the one before it when on', () => {
    for (const [setting, expected] of [
      [undefined, '10.0.0.2'],
      [false, '10.0.0.2'],
      [true, '198.51.100.7'],
    ] as const) {
      env.TRUST_PROXY = setting;
      expect(clientIp(from('198.51.100.7, 10.0.0.2')), String(setting)).toBe(expected);
    }
  });
});
