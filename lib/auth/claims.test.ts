import { describe, expect, it } from 'vitest';
import { ABSOLUTE_LIFETIME_MS, countsAsActivity, judgeSession } from './claims';

const t0 = Date.UTC(2026, 10, 27, 8, 0, 0);
const claims = { uid: 'u', sv: 1, authTime: t0, lastActivity: t0 };

describe('session lifetime', () => {
  it('is live within both limits', () => {
    expect(judgeSession(claims, t0 + 29 * 60_000, 30)).toBe('live');
  });
  it('expires after the idle timeout', () => {
    expect(judgeSession(claims, t0 + 31 * 60_000, 30)).toBe('idle-expired');
  });
  it('expires after 12 hours however active the user is', () => {
    const active = { ...claims, lastActivity: t0 + ABSOLUTE_LIFETIME_MS };
    expect(judgeSession(active, t0 + ABSOLUTE_LIFETIME_MS + 1, 30)).toBe('absolute-expired');
  });
  it('rejects tokens without the claims', () => {
    expect(judgeSession({ uid: 'u' }, t0, 30)).toBe('malformed');
  });
  it('does not count session polling as activity', () => {
    expect(countsAsActivity('/api/auth/session')).toBe(false);
    expect(countsAsActivity('/patients')).toBe(true);
    expect(countsAsActivity(undefined)).toBe(false);
  });
});
