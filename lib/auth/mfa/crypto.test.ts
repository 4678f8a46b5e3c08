import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes';
import { openSecret, sealSecret } from './secret-box';
import { matchTotp, newTotpSecret } from './totp';

describe('sealed secrets', () => {
  it('round-trips, never stores the plain text, and refuses a tampered value', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sealSecret('JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(openSecret(sealed)).toBe('JBSWY3DPEHPK3PXP');
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = `${body?.[0] === 'A' ? 'B' : 'A'}${body?.slice(1)}`;
    expect(() => openSecret([v, iv, tag, flipped].join('.'))).toThrow();
    expect(() => openSecret('plain')).toThrow();
  });
});

describe('TOTP', () => {
  it('accepts the current code and one step either side, nothing further', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const at = (ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });
    const step = Math.floor(now / 30_000);
    expect(matchTotp(secret, at(now), now)).toBe(step);
    expect(matchTotp(secret, at(now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(secret, at(now + 30_000), now)).toBe(step + 1);
    expect(matchTotp(secret, at(now - 90_000), now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes, hashed regardless of case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    const [first = ''] = codes;
    expect(hashRecoveryCode(first.toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(first));
    expect(hashRecoveryCode(first)).toMatch(/^[0-9a-f]{64}$/);
    expect(normalizeRecoveryCode(' AB-cd ')).toBe('abcd');
  });
});
