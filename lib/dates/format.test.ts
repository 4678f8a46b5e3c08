import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate as dateInZone, localTime as timeInZone } from '@/lib/appointments/time';
import {
  formatDay,
  formatDayRange,
  formatInstant,
  formatInstantDate,
  formatInstantTime,
  formatWallTime,
  formatWallTimeRange,
  zonedClock,
} from './format';

const london24 = { timeZone: 'Europe/London', timeFormat: '24h' } as const;
const london12 = { timeZone: 'Europe/London', timeFormat: '12h' } as const;

describe('calendar days', () => {
  it('formats a day with weekday and year, or without either, or spelled out', () => {
    expect(formatDay('2025-01-01')).toBe('Wed 1 Jan 2025');
    expect(formatDay('2025-01-01', { year: false })).toBe('Wed 1 Jan');
    expect(formatDay('1980-04-12', { weekday: false })).toBe('12 Apr 1980');
    expect(formatDay('2026-12-05', { long: true })).toBe('Saturday 5 December 2026');
  });

  it('keeps both years in a range that crosses years, and the year once in one year', () => {
    expect(formatDayRange('2025-01-01', '2027-12-31')).toBe('Wed 1 Jan 2025 – Fri 31 Dec 2027');
    expect(formatDayRange('2025-12-29', '2026-01-04')).toBe('Mon 29 Dec 2025 – Sun 4 Jan 2026');
    expect(formatDayRange('2026-01-05', '2026-01-09')).toBe('Mon 5 Jan – Fri 9 Jan 2026');
    expect(formatDayRange('2026-01-05', '2026-01-05')).toBe('Mon 5 Jan 2026');
  });

  it('shows the year in a list row only when it is not the current one', () => {
    expect(formatDay('2026-03-02', { today: '2026-12-05' })).toBe('Mon 2 Mar');
    expect(formatDay('2027-01-04', { today: '2026-12-05' })).toBe('Mon 4 Jan 2027');
    expect(formatDay('2025-12-31', { today: '2026-01-01' })).toBe('Wed 31 Dec 2025');
    const clock = { timeZone: 'America/New_York', timeFormat: '12h' } as const;
    // 1 Jan 2027 02:00 UTC is still New Year's Eve 2026 in New York: this year, no year shown.
    const eve = new Date('2027-01-01T02:00:00Z');
    expect(formatInstant(eve, clock, { today: '2026-12-05' })).toBe('31 Dec, 9:00 PM');
    expect(formatInstant(eve, clock, { today: '2027-01-01' })).toBe('31 Dec 2026, 9:00 PM');
  });

  it('refuses what is not a date rather than guessing', () => {
    expect(() => formatDay('05/12/2026')).toThrow(RangeError);
  });
});

describe('times', () => {
  it('shows a wall-clock time in 24- or 12-hour form', () => {
    expect(formatWallTime('00:05', '24h')).toBe('00:05');
    expect(formatWallTime('00:05', '12h')).toBe('12:05 AM');
    expect(formatWallTime('12:00', '12h')).toBe('12:00 PM');
    expect(formatWallTime('14:30', '12h')).toBe('2:30 PM');
    expect(formatWallTime('14:30', '24h')).toBe('14:30');
    expect(formatWallTimeRange('09:00', '09:30', '24h')).toBe('09:00–09:30');
    expect(formatWallTimeRange('11:30', '12:15', '12h')).toBe('11:30 AM – 12:15 PM');
    expect(() => formatWallTime('24:00', '24h')).toThrow(RangeError);
  });

  it('places instants in the clinic timezone, not the runtime’s', () => {
    const instant = new Date('2026-07-01T23:30:00Z');
    expect(formatInstant(instant, london24)).toBe('2 Jul 2026, 00:30');
    expect(formatInstant(instant, london12)).toBe('2 Jul 2026, 12:30 AM');
    expect(formatInstant(instant, { timeZone: 'America/New_York', timeFormat: '12h' })).toBe(
      '1 Jul 2026, 7:30 PM',
    );
    expect(formatInstantDate(instant.toISOString(), { timeZone: 'Asia/Kolkata' })).toBe(
      '2 Jul 2026',
    );
  });

  it('follows the clocks forward (London, 29 Mar 2026 01:00 UTC)', () => {
    expect(formatInstantTime(new Date('2026-03-29T00:59:00Z'), london24)).toBe('00:59');
    expect(formatInstantTime(new Date('2026-03-29T01:00:00Z'), london24)).toBe('02:00');
    expect(formatInstantTime(new Date('2026-03-29T01:00:00Z'), london12)).toBe('2:00 AM');
  });

  it('shows the repeated hour twice when clocks go back, with offsets that tell them apart', () => {
    const first = new Date('2026-10-25T00:30:00Z');
    const second = new Date('2026-10-25T01:30:00Z');
    expect(formatInstantTime(first, london24)).toBe('01:30');
    expect(formatInstantTime(second, london24)).toBe('01:30');
    const clock = zonedClock('Europe/London');
    expect(clock(first).iso).toBe('2026-10-25T01:30:00+01:00');
    expect(clock(second).iso).toBe('2026-10-25T01:30:00+00:00');
  });

  it('crosses the date line with the zone (Pacific/Kiritimati is UTC+14)', () => {
    const instant = new Date('2026-12-31T10:00:00Z');
    expect(dateInZone(instant, 'Pacific/Kiritimati')).toBe('2027-01-01');
    expect(timeInZone(instant, 'Pacific/Kiritimati')).toBe('00:00');
    expect(zonedClock('Pacific/Kiritimati')(instant).iso).toBe('2027-01-01T00:00:00+14:00');
    expect(zonedClock('America/St_Johns')(instant).iso).toBe('2026-12-31T06:30:00-03:30');
  });
});

describe('zonedClock (CSV)', () => {
  it('property: agrees with the display helpers, and its ISO text names the same instant', () => {
    const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Pacific/Chatham'];
    const clocks = new Map(zones.map((z) => [z, zonedClock(z)]));
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const parts = clocks.get(zone)!(instant);
          expect(parts.date).toBe(dateInZone(instant, zone));
          expect(parts.time).toBe(timeInZone(instant, zone));
          expect(new Date(parts.iso).getTime()).toBe(Math.floor(instant.getTime() / 1000) * 1000);
        },
      ),
      { numRuns: 500 },
    );
  });
});
