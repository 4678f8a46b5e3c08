import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, HARD_LOCK_FAILURES, lockDurationMs } from './throttle';

describe('login throttle policy', () => {
  it('lets the first few failures through', () => {
    for (let n = 1; n <= FREE_FAILURES; n++) expect(lockDurationMs(n)).toBe(0);
  });
  it('backs off exponentially', () => {
    const a = lockDurationMs(FREE_FAILURES + 1);
    expect(a).toBeGreaterThan(0);
    expect(lockDurationMs(FREE_FAILURES + 2)).toBe(2 * a);
    expect(lockDurationMs(FREE_FAILURES + 3)).toBe(4 * a);
  });
  it('locks for a day well below 100 consecutive failures', () => {
    expect(HARD_LOCK_FAILURES).toBeLessThan(100);
    expect(lockDurationMs(HARD_LOCK_FAILURES)).toBe(24 * 60 * 60_000);
  });
});
