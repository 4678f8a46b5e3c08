import { describe, expect, it } from 'vitest';
import { nextPeriod, periodRange, previousPeriod } from './period';

describe('report periods', () => {
  it('steps across years', () => {
    expect(nextPeriod('2026-12')).toBe('2027-01');
    expect(nextPeriod('2026-01')).toBe('2026-02');
    expect(previousPeriod(new Date('2027-01-01T04:00:00Z'))).toBe('2026-12');
    expect(previousPeriod(new Date('2026-11-01T04:00:00Z'))).toBe('2026-10');
  });

  it('covers the month in the clinic timezone, across a DST change', () => {
    // New York: EST (UTC-5) on 1 March 2025, EDT (UTC-4) from 9 March.
    expect(periodRange('2025-03', 'America/New_York')).toEqual({
      start: new Date('2025-03-01T05:00:00Z'),
      end: new Date('2025-04-01T04:00:00Z'),
    });
    expect(periodRange('2025-03', 'Asia/Tokyo')).toEqual({
      start: new Date('2025-02-28T15:00:00Z'),
      end: new Date('2025-03-31T15:00:00Z'),
    });
    expect(periodRange('2024-02', 'UTC').end).toEqual(new Date('2024-03-01T00:00:00Z'));
  });

  it('refuses what is not a YYYY-MM period', () => {
    expect(() => periodRange('2025-13', 'UTC')).toThrow(RangeError);
    expect(() => nextPeriod('2025-1')).toThrow(RangeError);
  });
});
