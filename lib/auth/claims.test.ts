import { describe, expect, it } from 'vitest';
import { ABSOLUTE_LIFETIME_MS, judgeToken } from './claims';

const t0 = Date.UTC(2026, 10, 27, 8, 0, 0);
const claims = { uid: 'u', sv: 1, sessionId: 's', authTime: t0 };

describe('token lifetime', () => {
  it('is live within the absolute limit', () => {
    expect(judgeToken(claims, t0 + ABSOLUTE_LIFETIME_MS)).toBe('live');
  });
  it('expires after 12 hours however active the user is', () => {
    expect(judgeToken(claims, t0 + ABSOLUTE_LIFETIME_MS + 1)).toBe('absolute-expired');
  });
  it('rejects tokens without the claims', () => {
    expect(judgeToken({ uid: 'u' }, t0)).toBe('malformed');
    expect(judgeToken({ ...claims, sessionId: undefined }, t0)).toBe('malformed');
  });
  it.each(['uid', 'sv', 'sessionId', 'authTime'])(
    'rejects a token whose %s has the wrong type',
    (claim) => {
      const wrong = { ...claims, [claim]: claim === 'uid' || claim === 'sessionId' ? 1 : '1' };
      expect(judgeToken(wrong, t0)).toBe('malformed');
    },
  );
});
